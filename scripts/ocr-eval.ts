/**
 * Key-figure accuracy of the OCR path on the scanned / outlined samples, per preprocessing
 * variant and strategy: ingest → ocrDocument → layout → classify → parse → checks → CSV/JSON
 * (writeOutputs) → scripts/eval.ts' `evaluate` against samples/expected/<doc_id>.json.
 *
 *   npm run build && node dist/scripts/ocr-eval.js [--engine ppocr|tesseract] [--variants a,b] [--docs id,id] [--verbose]
 *
 * Variants: `default` (the shipped defaults), `none` (no preprocessing but pixel rules),
 * `-seal` / `-deskew` / `-rules` (default minus one step), `+binarize`, `cells` (default
 * preprocessing, strategy cells). Prints one table row per variant and document.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DocumentRecord, type DocumentRecord as DocumentRecordType } from '../schemas/record.js';
import { ingestPdf } from '../src/ingest/pdf-text/index.js';
import { layoutPages } from '../src/layout/index.js';
import { classify } from '../src/classify/index.js';
import { parseFiling } from '../src/forms/index.js';
import { runChecks } from '../src/checks/index.js';
import { writeOutputs } from '../src/emit/index.js';
import { ocrDocument, DEFAULT_PREPROCESS, type OcrStrategy, type PreprocessSwitches, type OcrPageInfo } from '../src/ocr/index.js';
import { createOcrEngine } from '../src/ocr/engines/index.js';
import type { OcrEngine, OcrEngineName } from '../src/ocr/types.js';
import { evaluate, formatReport } from './eval.js';

interface Variant {
  name: string;
  preprocess: PreprocessSwitches;
  strategy: OcrStrategy;
}

const D = { ...DEFAULT_PREPROCESS };
export const VARIANTS: Variant[] = [
  { name: 'default', preprocess: D, strategy: 'page' },
  { name: 'none', preprocess: { seal: false, deskew: false, perspective: false, light: false, binarize: false, rules: true, orientation: false }, strategy: 'page' },
  { name: '-seal', preprocess: { ...D, seal: false }, strategy: 'page' },
  { name: '-deskew', preprocess: { ...D, deskew: false }, strategy: 'page' },
  { name: '-perspective', preprocess: { ...D, perspective: false }, strategy: 'page' },
  { name: '-light', preprocess: { ...D, light: false }, strategy: 'page' },
  { name: '-rules', preprocess: { ...D, rules: false }, strategy: 'page' },
  { name: '+binarize', preprocess: { ...D, binarize: true }, strategy: 'page' },
  { name: 'cells', preprocess: D, strategy: 'cells' },
];

/** The record as the pipeline builds it (src/pipeline/process-document.ts), from laid-out pages. */
/** Text of every table cell and line, per document (for the all-strings measure). */
const texts = new Map<string, string[]>();

/**
 * Share of the twin's strings (table cells and text lines, non-empty) that the OCR'd
 * document has exactly, each used once.
 */
function stringRecall(twin: string[], got: string[]): { right: number; total: number } {
  const pool = new Map<string, number>();
  for (const g of got) pool.set(g, (pool.get(g) ?? 0) + 1);
  let right = 0;
  for (const t of twin) {
    const n = pool.get(t) ?? 0;
    if (n > 0) { right++; pool.set(t, n - 1); }
  }
  return { right, total: twin.length };
}

async function record(docId: string, path: string, bytes: Uint8Array, engine: OcrEngine | null, v: Variant, infos: OcrPageInfo[]): Promise<DocumentRecordType> {
  let ingested = await ingestPdf(bytes);
  if (engine) ingested = await ocrDocument(bytes, ingested, { mode: 'auto', engine, strategy: v.strategy, preprocess: v.preprocess, onPage: (i) => infos.push(i) });
  const laid0 = layoutPages(ingested.pages);
  const laid = { ...laid0, pageCount: ingested.pageCount, warnings: [...ingested.warnings, ...laid0.warnings] };
  texts.set(
    `${docId}@${engine ? v.name : 'twin'}`,
    laid0.blocks.flatMap((b) => (b.kind === 'line' ? [b.line.text] : b.table.cells.map((c) => c.text))).filter((t) => t.trim()),
  );
  const classification = classify(laid);
  const filing = parseFiling(laid, classification);
  const checked = runChecks(filing);
  const problems = [...filing.missing];
  let status: DocumentRecordType['status'] = 'ok';
  if (filing.doc_type === 'unknown') status = 'partial';
  else if (problems.length > 0) status = 'partial';
  return DocumentRecord.parse({
    schema_version: 1,
    doc_id: docId,
    source_file: path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    status,
    error: problems.length ? problems.join('; ').slice(0, 300) : null,
    doc_type: filing.doc_type,
    variant: filing.variant,
    pages: ingested.pageCount ?? ingested.pages.length,
    text_source: laid.source,
    title: filing.title,
    money_unit: filing.money_unit,
    projects: checked.projects,
    summary_table: filing.summary_table,
    flags: checked.flags,
    warnings: [...laid.warnings, ...filing.warnings],
  } as DocumentRecordType);
}

async function main(argv: string[]): Promise<void> {
  const arg = (k: string) => {
    const i = argv.indexOf(k);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = resolve(process.cwd());
  const samples = join(root, 'samples');
  const engineName = (arg('--engine') ?? 'ppocr') as OcrEngineName;
  const wanted = arg('--variants')?.split(',');
  const variants = wanted ? VARIANTS.filter((v) => wanted.includes(v.name)) : VARIANTS;
  const docs = (arg('--docs')?.split(',') ?? readdirSync(samples).filter((f) => /-(scan|outlined)\.pdf$/.test(f)).map((f) => f.slice(0, -4))).sort();
  const verbose = argv.includes('--verbose');
  const engine = await createOcrEngine(engineName);
  const work = mkdtempSync(join(tmpdir(), 'jixiao-ocr-eval-'));
  const expDir = join(work, 'expected');
  mkdirSync(expDir);
  for (const d of docs) writeFileSync(join(expDir, `${d}.json`), readFileSync(join(samples, 'expected', `${d}.json`)));
  try {
    // the born-digital twins against the same key-figure files: the ceiling
    const twins: DocumentRecordType[] = [];
    for (const d of docs) {
      const twin = d.replace(/-(scan|outlined)$/, '');
      const r = await record(d, `${twin}.pdf`, new Uint8Array(readFileSync(join(samples, `${twin}.pdf`))), null, VARIANTS[0], []);
      twins.push({ ...r, text_source: 'ocr' });
    }
    const tOut = join(work, 'twins');
    await writeOutputs(tOut, twins);
    console.log(`== born-digital twins (text layer) on the key-figure files\n${formatReport(evaluate(tOut, expDir))}\n`);
    for (const v of variants) {
      const recs: DocumentRecordType[] = [];
      const infos: OcrPageInfo[] = [];
      const t0 = Date.now();
      for (const d of docs) {
        recs.push(await record(d, `${d}.pdf`, new Uint8Array(readFileSync(join(samples, `${d}.pdf`))), engine, v, infos));
      }
      const out = join(work, v.name);
      await writeOutputs(out, recs);
      const res = evaluate(out, expDir);
      const secs = (Date.now() - t0) / 1000;
      const pages = infos.length;
      const angles = infos.map((i) => i.angle.toFixed(2)).join(' ');
      console.log(`== ${v.name} (${engineName}, strategy ${v.strategy}, ${JSON.stringify(v.preprocess)}): ${pages} pages in ${secs.toFixed(1)} s; angles ${angles}`);
      console.log(formatReport(res, verbose));
      let right = 0, total = 0;
      const per: string[] = [];
      for (const d of docs) {
        const r = stringRecall(texts.get(`${d}@twin`) ?? [], texts.get(`${d}@${v.name}`) ?? []);
        right += r.right;
        total += r.total;
        per.push(`${d} ${r.right}/${r.total}`);
      }
      console.log(`all strings (cells and lines of the twin found exactly): ${right}/${total} = ${((100 * right) / Math.max(1, total)).toFixed(1)}%  [${per.join(', ')}]\n`);
    }
  } finally {
    await engine.terminate();
    rmSync(work, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
