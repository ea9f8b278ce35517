/**
 * Field-by-field accuracy of an output folder against `samples/expected/*.json`
 * (docs/expected-format.md).
 *
 *   node dist/scripts/eval.js <outputDir> <expectedDir> [--verbose]
 *
 * Prints, per document, the fields right / total and the accuracy, then overall. Exit 0
 * whatever the accuracy; 2 on bad usage.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv, type Row } from '../src/emit/index.js';

export const NUMBER_TOLERANCE = 1e-6;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export interface WrongField {
  doc_id: string;
  /** e.g. `projects[1].budget_wan`, `projects[1].indicators[政策宣传活动次数].target`, `flags[GRADE@1]`. */
  path: string;
  expected: string;
  got: string;
}

export interface DocScore {
  doc_id: string;
  /** documents.csv's text_source of the output (pdf_text, ocr, mixed, plain_text), '' when missing. */
  text_source: string;
  right: number;
  total: number;
  wrong: WrongField[];
  /**
   * For an OCR'd document with a born-digital twin in the same output (`x-scan` → `x`): the
   * twin scored on this document's expected fields, so the two stand side by side.
   */
  twin?: { doc_id: string; right: number; total: number };
}

export interface EvalResult {
  documents: DocScore[];
  right: number;
  total: number;
  accuracy: number;
}

/** Identity keys: they select what is compared and are not fields themselves. */
const IDENTITY = new Set(['doc_id', 'project_seq']);
const LISTS = new Set(['prior_year_budgets', 'budget_lines', 'indicators', 'scores']);

const isObj = (v: Json | undefined): v is Obj => v != null && typeof v === 'object' && !Array.isArray(v);

/** A list as given: a plain array (complete), or `{ items, complete }`. */
function listOf(v: Json | undefined): { items: Obj[]; complete: boolean } {
  if (Array.isArray(v)) return { items: v.filter(isObj), complete: true };
  if (isObj(v)) {
    const items = Array.isArray(v.items) ? v.items.filter(isObj) : [];
    return { items, complete: v.complete !== false };
  }
  return { items: [], complete: false };
}

function show(v: Json | undefined): string {
  if (v === undefined) return '(absent)';
  if (v === null) return '(empty)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Does a CSV cell (or JSON value) hold the expected value? */
export function sameValue(expected: Json | undefined, got: Json | undefined): boolean {
  if (expected === null) return got === null || got === undefined || got === '';
  if (got === undefined || got === null || got === '') return false;
  if (typeof expected === 'number') {
    const g = typeof got === 'number' ? got : Number(got);
    return Number.isFinite(g) && Math.abs(g - expected) <= NUMBER_TOLERANCE;
  }
  if (typeof expected === 'boolean') return String(got) === String(expected);
  if (typeof expected === 'string') return String(got).trim() === expected.trim();
  return JSON.stringify(expected) === JSON.stringify(got);
}

class Tally {
  right = 0;
  total = 0;
  wrong: WrongField[] = [];
  constructor(readonly doc_id: string) {}
  field(path: string, expected: Json | undefined, got: Json | undefined): void {
    this.total++;
    if (sameValue(expected, got)) this.right++;
    else this.wrong.push({ doc_id: this.doc_id, path, expected: show(expected), got: show(got) });
  }
  miss(path: string, expected: string, got: string): void {
    this.total++;
    this.wrong.push({ doc_id: this.doc_id, path, expected, got });
  }
  hit(): void {
    this.total++;
    this.right++;
  }
}

/** Count every field of an expected object as wrong (its item is missing in the output). */
function allWrong(t: Tally, path: string, o: Obj): void {
  for (const [k, v] of Object.entries(o)) {
    if (IDENTITY.has(k)) continue;
    if (LISTS.has(k)) {
      for (const item of listOf(v).items) allWrong(t, `${path}.${k}[${itemKey(k, item)}]`, item);
    } else t.miss(`${path}.${k}`, show(v), '(missing)');
  }
}

function itemKey(list: string, o: Obj): string {
  switch (list) {
    case 'budget_lines':
      return `${o.kind}/${o.name}`;
    case 'indicators':
      return String(o.name);
    case 'scores':
      return `${o.section}/${o.item}`;
    case 'prior_year_budgets':
      return String(o.year);
    default:
      return '?';
  }
}

/** Match expected list items to output items by key, first unused first. */
function compareList(t: Tally, path: string, list: string, expected: Json | undefined, got: Obj[]): void {
  const { items, complete } = listOf(expected);
  const used = new Set<number>();
  for (const e of items) {
    const key = itemKey(list, e);
    const k = got.findIndex((g, i) => !used.has(i) && itemKey(list, g) === key);
    const p = `${path}.${list}[${key}]`;
    if (k < 0) {
      allWrong(t, p, e);
      continue;
    }
    used.add(k);
    for (const [f, v] of Object.entries(e)) t.field(`${p}.${f}`, v, got[k][f]);
  }
  if (complete) {
    got.forEach((g, i) => {
      if (!used.has(i)) t.miss(`${path}.${list}[${itemKey(list, g)}]`, '(not listed)', 'extra item');
    });
  }
}

function readRows(dir: string, file: string): Row[] {
  const p = join(dir, file);
  return existsSync(p) ? readCsv(p).rows : [];
}

/** Output rows as JSON-ish objects with CSV strings as values. */
function asObj(r: Row): Obj {
  return { ...r };
}

function priorYears(outputDir: string, docId: string, seq: number): Obj[] {
  const p = join(outputDir, 'json', `${docId}.json`);
  if (!existsSync(p)) return [];
  try {
    const rec = JSON.parse(readFileSync(p, 'utf8'));
    const proj = (rec.projects ?? []).find((x: { seq: number }) => x.seq === seq);
    return (proj?.prior_year_budgets ?? []).map((y: { year: number; amount_wan: { value: number } }) => ({
      year: y.year,
      amount_wan: y.amount_wan?.value ?? null,
    }));
  } catch {
    return [];
  }
}

interface Tables {
  docs: Row[];
  projects: Row[];
  indicators: Row[];
  lines: Row[];
  scores: Row[];
  flags: Row[];
  outputDir: string;
}

/** The born-digital twin of an OCR'd sample: the longest other doc_id that `id` extends with `-…`. */
export function twinOf(id: string, ids: readonly string[]): string | null {
  let best: string | null = null;
  for (const o of ids) if (o !== id && id.startsWith(`${o}-`) && (!best || o.length > best.length)) best = o;
  return best;
}

/** Score one document's output rows (those of `docId`) against an expected record. */
function scoreDocument(exp: Obj, docId: string, tables: Tables, skip: ReadonlySet<string> = new Set()): Tally {
  const { docs, projects, indicators, lines, scores, flags, outputDir } = tables;
  const t = new Tally(docId);
  const doc = docs.find((d) => d.doc_id === docId);

  for (const [k, v] of Object.entries(exp)) {
    if (IDENTITY.has(k) || skip.has(k) || k === 'projects' || k === 'flags') continue;
    if (!doc) t.miss(k, show(v), '(document missing)');
    else t.field(k, v, k in doc ? doc[k] : undefined);
  }

  const mine = projects.filter((p) => p.doc_id === docId);
  const { items: expProjects, complete } = listOf(exp.projects);
  const matched = new Set<string>();
  for (const ep of expProjects) {
    const seq = Number(ep.project_seq);
    const path = `projects[${seq}]`;
    const row = mine.find((p) => Number(p.project_seq) === seq);
    if (!row) {
      allWrong(t, path, ep);
      continue;
    }
    matched.add(row.project_seq);
    const of = (rows: Row[]) => rows.filter((r) => r.doc_id === docId && Number(r.project_seq) === seq).map(asObj);
    for (const [k, v] of Object.entries(ep)) {
      if (IDENTITY.has(k)) continue;
      if (k === 'budget_lines') compareList(t, path, k, v, of(lines));
      else if (k === 'indicators') compareList(t, path, k, v, of(indicators));
      else if (k === 'scores') compareList(t, path, k, v, of(scores));
      else if (k === 'prior_year_budgets') compareList(t, path, k, v, priorYears(outputDir, docId, seq));
      else t.field(`${path}.${k}`, v, k in row ? row[k] : undefined);
    }
  }
  if (complete && exp.projects !== undefined) {
    for (const p of mine) if (!matched.has(p.project_seq)) t.miss(`projects[${p.project_seq}]`, '(not listed)', 'extra project');
  }

  if (exp.flags !== undefined) {
    const got = flags
      // a cross-document flag (v2, other_doc_id set) depends on the batch, not on what this filing says
      .filter((r) => r.doc_id === docId && !r.other_doc_id)
      .map((r) => ({ code: r.code, seq: r.project_seq === '' ? null : Number(r.project_seq) }));
    const used = new Set<number>();
    const expFlags = listOf(exp.flags);
    for (const e of expFlags.items) {
      const seq = e.project_seq == null ? null : Number(e.project_seq);
      const label = `flags[${e.code}@${seq ?? 'doc'}]`;
      const k = got.findIndex((g, i) => !used.has(i) && g.code === e.code && g.seq === seq);
      if (k < 0) t.miss(label, 'raised', '(not raised)');
      else {
        used.add(k);
        t.hit();
      }
    }
    got.forEach((g, i) => {
      if (expFlags.complete && !used.has(i)) t.miss(`flags[${g.code}@${g.seq ?? 'doc'}]`, '(not expected)', 'raised');
    });
  }
  return t;
}

export function evaluate(outputDir: string, expectedDir: string): EvalResult {
  const docs = readRows(outputDir, 'documents.csv');
  const projects = readRows(outputDir, 'projects.csv');
  const indicators = readRows(outputDir, 'indicators.csv');
  const lines = readRows(outputDir, 'budget_lines.csv');
  const scores = readRows(outputDir, 'scores.csv');
  const flags = readRows(outputDir, 'flags.csv');

  const tables: Tables = { docs, projects, indicators, lines, scores, flags, outputDir };
  const files = readdirSync(expectedDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const documents: DocScore[] = [];
  for (const f of files) {
    const exp = JSON.parse(readFileSync(join(expectedDir, f), 'utf8')) as Obj;
    const docId = typeof exp.doc_id === 'string' ? exp.doc_id : f.slice(0, -'.json'.length);
    const t = scoreDocument(exp, docId, tables);
    const source = docs.find((d) => d.doc_id === docId)?.text_source ?? '';
    const score: DocScore = { doc_id: docId, text_source: source, right: t.right, total: t.total, wrong: t.wrong };
    const twinId = source === 'ocr' || source === 'mixed' ? twinOf(docId, docs.map((d) => d.doc_id)) : null;
    if (twinId) {
      // the twin is born-digital: its text_source differs by nature, not by error
      const tw = scoreDocument(exp, twinId, tables, new Set(['text_source']));
      score.twin = { doc_id: twinId, right: tw.right, total: tw.total };
    }
    documents.push(score);
  }
  const right = documents.reduce((s, d) => s + d.right, 0);
  const total = documents.reduce((s, d) => s + d.total, 0);
  return { documents, right, total, accuracy: total ? right / total : 0 };
}

function percent(right: number, total: number): string {
  return total ? `${((100 * right) / total).toFixed(1)}%` : '-';
}

export function formatReport(res: EvalResult, verbose = false): string {
  const width = Math.max(8, ...res.documents.map((d) => d.doc_id.length));
  const out: string[] = [];
  out.push(`${'document'.padEnd(width)}  ${'right/total'.padStart(11)}  accuracy`);
  for (const d of res.documents) {
    out.push(`${d.doc_id.padEnd(width)}  ${`${d.right}/${d.total}`.padStart(11)}  ${percent(d.right, d.total).padStart(8)}`);
    if (verbose) for (const w of d.wrong) out.push(`    ${w.path}: expected ${w.expected}, got ${w.got}`);
  }
  out.push(`${'overall'.padEnd(width)}  ${`${res.right}/${res.total}`.padStart(11)}  ${percent(res.right, res.total).padStart(8)}`);

  const sources = [...new Set(res.documents.map((d) => d.text_source || '(missing)'))].sort();
  out.push('', `${'by text source'.padEnd(width)}  ${'right/total'.padStart(11)}  accuracy`);
  for (const src of sources) {
    const ds = res.documents.filter((d) => (d.text_source || '(missing)') === src);
    const r = ds.reduce((n, d) => n + d.right, 0), t = ds.reduce((n, d) => n + d.total, 0);
    out.push(`${`${src} (${ds.length})`.padEnd(width)}  ${`${r}/${t}`.padStart(11)}  ${percent(r, t).padStart(8)}`);
  }

  const pairs = res.documents.filter((d) => d.twin);
  if (pairs.length) {
    out.push('', 'OCR vs born-digital twin, on the OCR sample\'s expected fields');
    out.push(`${'OCR sample'.padEnd(width)}  ${'OCR'.padStart(8)}  ${'twin'.padStart(8)}  twin document`);
    for (const d of pairs) {
      out.push(`${d.doc_id.padEnd(width)}  ${percent(d.right, d.total).padStart(8)}  ${percent(d.twin!.right, d.twin!.total).padStart(8)}  ${d.twin!.doc_id}`);
    }
    const r = pairs.reduce((n, d) => n + d.right, 0), t = pairs.reduce((n, d) => n + d.total, 0);
    const tr = pairs.reduce((n, d) => n + d.twin!.right, 0), tt = pairs.reduce((n, d) => n + d.twin!.total, 0);
    out.push(`${'all pairs'.padEnd(width)}  ${percent(r, t).padStart(8)}  ${percent(tr, tt).padStart(8)}`);
  }
  return out.join('\n');
}

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const args = argv.filter((a) => a !== '--verbose' && a !== '-v');
  if (args.length !== 2 || args.some((a) => a.startsWith('-'))) {
    console.error('usage: node dist/scripts/eval.js <outputDir> <expectedDir> [--verbose]');
    return 2;
  }
  const [outDir, expDir] = args;
  for (const d of [outDir, expDir]) {
    if (!existsSync(d) || !statSync(d).isDirectory()) {
      console.error(`eval: not a folder: ${d}`);
      return 2;
    }
  }
  console.log(formatReport(evaluate(outDir, expDir), verbose));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
