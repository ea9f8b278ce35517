import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPdf } from '../../src/ingest/pdf-text/index.js';
import { needsOcr, ocrDocument } from '../../src/ocr/index.js';
import type { OcrEngine, OcrWord, RgbaImage } from '../../src/ocr/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const samples = path.resolve(here, '../../samples');
const scan = path.join(samples, 'tianshui-2021-self-eval-table-national-scan.pdf');
const twin = path.join(samples, 'tianshui-2021-self-eval-table-national.pdf');
const load = (p: string) => new Uint8Array(readFileSync(p));
const haveScan = existsSync(scan) && existsSync(twin);

/** An engine that reports one word at a fixed pixel box and remembers what it was given. */
function stubEngine(): OcrEngine & { calls: { width: number; height: number; mode?: string; dpi?: number }[] } {
  const calls: { width: number; height: number; mode?: string; dpi?: number }[] = [];
  return {
    name: 'ppocr',
    calls,
    async recognize(image: RgbaImage, o?: { mode?: string; dpi?: number }): Promise<OcrWord[]> {
      calls.push({ width: image.width, height: image.height, mode: o?.mode, dpi: o?.dpi });
      // a box the size of six digits at 200 dpi (a wider one would be cut at a ruling line it crosses, see splitAtRules)
      return [{ text: '３８６．５０', box: { x0: 200, y0: 400, x1: 290, y1: 440 }, confidence: 0.93 }];
    },
    async terminate() {},
  };
}

describe('ocrDocument (stub engine)', () => {
  it('decides which pages need OCR', () => {
    const p = { number: 1, width: 1, height: 1, words: [], rules: [], source: 'pdf_text' as const };
    expect(needsOcr({ ...p, textLayer: 'ok' }, 'auto')).toBe(false);
    for (const t of ['none', 'outlines', 'undecodable', 'garbled'] as const) expect(needsOcr({ ...p, textLayer: t }, 'auto')).toBe(true);
    expect(needsOcr({ ...p, textLayer: 'ok' }, 'always')).toBe(true);
    expect(needsOcr({ ...p, source: 'plain_text' }, 'always')).toBe(false);
  });

  (haveScan ? it : it.skip)('replaces scanned pages: embedded image, words in points, rules from pixels', async () => {
    const bytes = load(scan);
    const ingested = await ingestPdf(bytes);
    const engine = stubEngine();
    const infos: unknown[] = [];
    const out = await ocrDocument(bytes, ingested, { mode: 'auto', engine, strategy: 'page', onPage: (i) => infos.push(i) });
    expect(out.pages).toHaveLength(2);
    expect(engine.calls[0]).toMatchObject({ mode: 'page' });
    expect(engine.calls[0].dpi).toBeGreaterThan(195);
    const p = out.pages[0];
    expect(p.source).toBe('ocr');
    expect(p.textLayer).toBeUndefined();
    const s = 72 / engine.calls[0].dpi!;
    expect(p.words[0].text).toBe('386.50'); // normalized
    expect(p.words[0].confidence).toBeCloseTo(0.93, 3);
    expect(p.words[0].box.x0).toBeCloseTo(200 * s, 0);
    expect(p.words[0].box.y1).toBeCloseTo(440 * s, 0);
    expect(p.rules.length).toBeGreaterThan(20);
    expect(infos[0]).toMatchObject({ page: 1, image: 'embedded' });
    expect((infos[0] as { angle: number }).angle).toBeCloseTo(0.8, 0);
    expect(out.warnings.join('\n')).toMatch(/OCR \(ppocr\) read pages 1, 2 \(text layer: none\)/);
  });

  (haveScan ? it : it.skip)('leaves born-digital pages alone in auto mode and reads them in always', async () => {
    const bytes = load(twin);
    const ingested = await ingestPdf(bytes);
    const engine = stubEngine();
    expect(await ocrDocument(bytes, ingested, { mode: 'auto', engine })).toBe(ingested);
    expect(engine.calls).toHaveLength(0);
    const always = await ocrDocument(bytes, { ...ingested, pages: [ingested.pages[0]] }, { mode: 'always', engine, dpi: 100 });
    expect(always.pages[0].source).toBe('ocr');
    expect(engine.calls[0].dpi).toBeCloseTo(100, 3); // rendered at the given dpi
  });

  (haveScan ? it : it.skip)('strategy cells reads cell crops in line/block mode and the rest in page mode', async () => {
    const bytes = load(scan);
    const ingested = await ingestPdf(bytes);
    const engine = stubEngine();
    await ocrDocument(bytes, { ...ingested, pages: [ingested.pages[0]] }, { mode: 'auto', engine, strategy: 'cells' });
    const modes = engine.calls.map((c) => c.mode);
    expect(modes.filter((m) => m === 'line' || m === 'block').length).toBeGreaterThan(40);
    expect(modes.filter((m) => m === 'page')).toHaveLength(1);
  });
});

