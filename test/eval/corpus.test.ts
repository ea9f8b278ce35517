/**
 * The generated corpus (corpus/, scripts/corpus/): its truth is consistent and its split is the
 * documented one; and the built CLI over the held-out part (born-digital, OCR off) stays at or
 * above the floors in corpus-floors.json — today's measured level, so that a regression fails.
 * The scanned twins (corpus/scan, OCR'd with PP-OCRv4) are held to their own floors the same way.
 * Raise the floors when a change lifts the figures (never tune a parser on the held-out files).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import { evaluateParts, formatParts, type PartReport } from '../../scripts/eval.js';
import { truthProblems } from '../../scripts/corpus/consistency.js';
import { splitOf } from '../../scripts/corpus/make-corpus.js';
import type { Expected } from '../../scripts/samples/types.js';

const CORPUS = join(ROOT, 'corpus');
interface Entry {
  doc_id: string;
  family: string;
  producer: string;
  split: 'dev' | 'heldout';
  injected: string[];
  twin_of?: string;
}
const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { documents: Entry[] };
const floors = JSON.parse(readFileSync(join(ROOT, 'test', 'eval', 'corpus-floors.json'), 'utf8')) as {
  heldout: { fields: number; indicator_f1: number; flag_recall: number; false_alarm_docs_max: number; not_ok_max: number };
  family_fields: Record<string, number>;
  scan: { fields: number; indicator_f1: number; flag_recall: number; false_alarm_error_docs_max: number; not_ok_max: number };
};

/** `jixiao extract` of one corpus part into test-output/corpus-<part> (data outputs, concurrency 2), evaluated and printed. */
function extractPart(name: 'heldout' | 'scan', args: string[]): PartReport {
  const out = join(ROOT, 'test-output', `corpus-${name}`);
  rmSync(out, { recursive: true, force: true });
  const run = runCli(['extract', join(CORPUS, name), '--out', out, '--quiet', '--no-report', '--no-xlsx', ...args, '--concurrency', '2']);
  expect([0, 1]).toContain(run.code);
  const [part] = evaluateParts(out, [join(CORPUS, name, 'expected')], join(CORPUS, 'manifest.json'));
  // eslint-disable-next-line no-console
  console.log(formatParts([part]));
  return part;
}

describe('corpus truth', () => {
  it('lists every PDF with a truth file, in the split its doc_id hashes to', () => {
    for (const part of ['dev', 'heldout', 'scan']) {
      const pdfs = readdirSync(join(CORPUS, part)).filter((f) => f.endsWith('.pdf')).map((f) => f.slice(0, -4));
      for (const id of pdfs) {
        expect(existsSync(join(CORPUS, part, 'expected', `${id}.json`))).toBe(true);
        const e = manifest.documents.find((d) => d.doc_id === id);
        expect(e).toBeDefined();
        if (!e!.twin_of) expect([part, e!.split]).toEqual([splitOf(id), splitOf(id)]);
      }
    }
    const born = manifest.documents.filter((d) => !d.twin_of);
    expect(born.length).toBeGreaterThanOrEqual(150);
    const clean = born.filter((d) => d.injected.length === 0).length;
    expect(clean / born.length).toBeGreaterThan(0.4);
    expect(clean / born.length).toBeLessThan(0.6);
  });

  it('is consistent where clean and expects exactly the injected codes elsewhere', () => {
    const problems: string[] = [];
    for (const d of manifest.documents.filter((x) => !x.twin_of)) {
      const exp = JSON.parse(readFileSync(join(CORPUS, d.split, 'expected', `${d.doc_id}.json`), 'utf8')) as Expected;
      problems.push(...truthProblems(exp, d.injected));
    }
    expect(problems).toEqual([]);
  });

  it('stays under 30 MB', () => {
    let size = 0;
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else size += st.size;
      }
    };
    walk(CORPUS);
    expect(size).toBeLessThan(30 * 1024 * 1024);
  });
});

describe('extract on the held-out corpus (born-digital, --ocr never)', () => {
  let part: PartReport;
  beforeAll(() => {
    part = extractPart('heldout', ['--ocr', 'never']);
  }, 600_000);

  it('keeps field accuracy, indicator F1 and flag recall at or above the floors', () => {
    const o = part.overall;
    expect(o.fields.accuracy).toBeGreaterThanOrEqual(floors.heldout.fields);
    expect(o.indicators.f1).toBeGreaterThanOrEqual(floors.heldout.indicator_f1);
    expect(o.flags.recall).toBeGreaterThanOrEqual(floors.heldout.flag_recall);
  });

  it('raises no more false alarms on clean documents, and fails no more documents, than today', () => {
    expect(part.overall.falseAlarmDocs).toBeLessThanOrEqual(floors.heldout.false_alarm_docs_max);
    expect(part.overall.notOk).toBeLessThanOrEqual(floors.heldout.not_ok_max);
  });

  it('keeps each form family at or above its floor', () => {
    const below = Object.entries(floors.family_fields)
      .filter(([fam, floor]) => (part.byFamily[fam]?.fields.accuracy ?? 0) < floor)
      .map(([fam, floor]) => `${fam}: ${part.byFamily[fam]?.fields.accuracy.toFixed(4)} < ${floor}`);
    expect(below).toEqual([]);
  });
});

describe('extract on the scanned twins (OCR)', () => {
  let part: PartReport;
  beforeAll(() => {
    part = extractPart('scan', []);
  }, 900_000);

  it('keeps field accuracy, indicator F1 and flag recall at or above the floors', () => {
    const o = part.overall;
    expect([o.fields.accuracy, o.indicators.f1, o.flags.recall]).toEqual([
      Math.max(o.fields.accuracy, floors.scan.fields),
      Math.max(o.indicators.f1, floors.scan.indicator_f1),
      Math.max(o.flags.recall, floors.scan.flag_recall),
    ]);
  });

  it('gives no more clean scans an error flag, and fails no more scans, than today', () => {
    expect(part.overall.falseAlarmErrorDocs).toBeLessThanOrEqual(floors.scan.false_alarm_error_docs_max);
    expect(part.overall.notOk).toBeLessThanOrEqual(floors.scan.not_ok_max);
  });
});
