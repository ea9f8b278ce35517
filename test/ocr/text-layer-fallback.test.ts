/**
 * A text layer that decodes to real but wrong characters (fonts without a Unicode map whose
 * codes are valid CJK) passes the text-layer check; when it yields no label of a filing, the
 * pages are read by OCR before the document is given up as unknown.
 * Fixtures: test/fixtures/pdf/make-cid-no-tounicode.py.
 */
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processDocument } from '../../src/pipeline/process-document.js';
import { DEFAULT_OPTIONS } from '../../src/pipeline/options.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => ({ path: path.resolve(here, '../fixtures/pdf', name), docId: name.replace(/\.pdf$/, '') });

describe('a text layer of the wrong characters', () => {
  for (const name of ['cid-no-tounicode-gb1.pdf', 'cid-no-tounicode-identity.pdf']) {
    it(`${name}: read by OCR once the text layer yields no label`, async () => {
      const rec = await processDocument(fixture(name), { ...DEFAULT_OPTIONS, ocr: 'auto', ocrEngine: 'ppocr' });
      expect(rec.doc_type).toBe('self_eval_table');
      expect(rec.text_source).toBe('ocr');
      expect(rec.warnings.join('\n')).toMatch(/text layer yields no label/);
      const p = rec.projects[0];
      expect(p.project_name?.value).toBe('农村公路养护');
      expect(p.unit?.value).toBe('东川县公路养护中心');
    });
  }

  it('with --ocr never the document stays unrecognised, and says so', async () => {
    const rec = await processDocument(fixture('cid-no-tounicode-gb1.pdf'), { ...DEFAULT_OPTIONS, ocr: 'never' });
    expect(rec.doc_type).toBe('unknown');
    expect(rec.status).toBe('partial');
  });
});
