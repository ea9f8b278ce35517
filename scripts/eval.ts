/**
 * Field-by-field accuracy of an output folder against `samples/expected/*.json`
 * (docs/expected-format.md).
 *
 *   node dist/scripts/eval.js <outputDir> <expectedDir>... [--manifest <file>] [--json <file>] [--verbose]
 *
 * Prints, per document, the fields right / total and the accuracy, then overall; then the
 * first-class figures per part (each expected folder is a part, e.g. corpus/dev and
 * corpus/heldout), per form family and per producer: field accuracy (flags left out), indicator
 * F1 (an indicator row is right when every listed field is), flag recall, and false-alarm
 * documents (clean documents with any flag, and with any `error` flag); per flag code its
 * recall and false alarms; and each scanned document beside its born-digital twin.
 * Family and producer come from the corpus manifest (corpus/manifest.json, found beside or
 * above the expected folder, or given with --manifest); without one, the doc_type and the
 * text_source stand in. Exit 0 whatever the accuracy; 2 on bad usage.
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
  twin?: { doc_id: string; right: number; total: number; fields?: { right: number; total: number }; ind?: RowCounts };
  /** fields without the flags */
  fields: { right: number; total: number };
  /** indicator rows: tp = an expected row found with every listed field right */
  ind: RowCounts;
  /** flags by code: expected, found (of the expected), extra (raised, not expected) */
  flagCodes: Record<string, { expected: number; found: number; extra: number }>;
  /** the expected record lists its flags and lists none */
  clean: boolean;
  /** flags raised on the document, and how many of them are errors */
  raised: number;
  raisedErrors: number;
  /** the document is missing from documents.csv or is not ok */
  status: string;
}

export interface RowCounts {
  tp: number;
  fp: number;
  fn: number;
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
  ind: RowCounts = { tp: 0, fp: 0, fn: 0 };
  flagCodes: Record<string, { expected: number; found: number; extra: number }> = {};
  constructor(readonly doc_id: string) {}
  /** returns whether the value was right */
  field(path: string, expected: Json | undefined, got: Json | undefined): boolean {
    this.total++;
    if (sameValue(expected, got)) {
      this.right++;
      return true;
    }
    this.wrong.push({ doc_id: this.doc_id, path, expected: show(expected), got: show(got) });
    return false;
  }
  code(c: string) {
    return (this.flagCodes[c] ??= { expected: 0, found: 0, extra: 0 });
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
      for (const item of listOf(v).items) {
        if (k === 'indicators') t.ind.fn++;
        allWrong(t, `${path}.${k}[${itemKey(k, item)}]`, item);
      }
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
      if (list === 'indicators') t.ind.fn++;
      allWrong(t, p, e);
      continue;
    }
    used.add(k);
    let all = true;
    for (const [f, v] of Object.entries(e)) if (!t.field(`${p}.${f}`, v, got[k][f])) all = false;
    if (list === 'indicators') {
      if (all) t.ind.tp++;
      else {
        t.ind.fn++;
        t.ind.fp++;
      }
    }
  }
  if (complete) {
    got.forEach((g, i) => {
      if (used.has(i)) return;
      if (list === 'indicators') t.ind.fp++;
      t.miss(`${path}.${list}[${itemKey(list, g)}]`, '(not listed)', 'extra item');
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
    for (const p of mine) {
      if (matched.has(p.project_seq)) continue;
      t.miss(`projects[${p.project_seq}]`, '(not listed)', 'extra project');
      t.ind.fp += indicators.filter((r) => r.doc_id === docId && r.project_seq === p.project_seq).length;
    }
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
      t.code(String(e.code)).expected++;
      if (k < 0) t.miss(label, 'raised', '(not raised)');
      else {
        used.add(k);
        t.code(String(e.code)).found++;
        t.hit();
      }
    }
    got.forEach((g, i) => {
      if (expFlags.complete && !used.has(i)) {
        t.code(g.code).extra++;
        t.miss(`flags[${g.code}@${g.seq ?? 'doc'}]`, '(not expected)', 'raised');
      }
    });
  }
  return t;
}

function flagFieldCounts(t: Tally): { right: number; total: number } {
  let right = 0, total = 0;
  for (const c of Object.values(t.flagCodes)) {
    right += c.found;
    total += c.expected + c.extra;
  }
  return { right, total };
}

function readTables(outputDir: string): Tables {
  return {
    docs: readRows(outputDir, 'documents.csv'),
    projects: readRows(outputDir, 'projects.csv'),
    indicators: readRows(outputDir, 'indicators.csv'),
    lines: readRows(outputDir, 'budget_lines.csv'),
    scores: readRows(outputDir, 'scores.csv'),
    flags: readRows(outputDir, 'flags.csv'),
    outputDir,
  };
}

export function evaluate(outputDir: string, expectedDir: string): EvalResult {
  const tables = readTables(outputDir);
  const { docs, flags } = tables;
  const files = readdirSync(expectedDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const documents: DocScore[] = [];
  for (const f of files) {
    const exp = JSON.parse(readFileSync(join(expectedDir, f), 'utf8')) as Obj;
    const docId = typeof exp.doc_id === 'string' ? exp.doc_id : f.slice(0, -'.json'.length);
    const t = scoreDocument(exp, docId, tables);
    const doc = docs.find((d) => d.doc_id === docId);
    const source = doc?.text_source ?? '';
    const ff = flagFieldCounts(t);
    const mine = flags.filter((r) => r.doc_id === docId);
    const expFlags = exp.flags === undefined ? null : listOf(exp.flags);
    const score: DocScore = {
      doc_id: docId,
      text_source: source,
      right: t.right,
      total: t.total,
      wrong: t.wrong,
      fields: { right: t.right - ff.right, total: t.total - ff.total },
      ind: t.ind,
      flagCodes: t.flagCodes,
      clean: expFlags !== null && expFlags.complete && expFlags.items.length === 0,
      raised: mine.length,
      raisedErrors: mine.filter((r) => r.severity === 'error').length,
      status: doc?.status ?? 'missing',
    };
    const twinId = source === 'ocr' || source === 'mixed' ? twinOf(docId, docs.map((d) => d.doc_id)) : null;
    if (twinId) {
      // the twin is born-digital: its text_source differs by nature, not by error
      const tw = scoreDocument(exp, twinId, tables, new Set(['text_source']));
      const tf = flagFieldCounts(tw);
      score.twin = { doc_id: twinId, right: tw.right, total: tw.total, fields: { right: tw.right - tf.right, total: tw.total - tf.total }, ind: tw.ind };
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

// ------------------------------------------------------------------ summaries (per part, family, producer, code)

/** One manifest entry (corpus/manifest.json); only the keys eval uses. */
export interface ManifestDoc {
  doc_id: string;
  family: string;
  producer: string;
  split?: string;
  injected?: string[];
  kinds?: string[];
  twin_of?: string;
  scan?: Record<string, unknown>;
}

export interface Summary {
  docs: number;
  /** field accuracy, flags left out */
  fields: { right: number; total: number; accuracy: number };
  indicators: RowCounts & { precision: number; recall: number; f1: number };
  /** expected flags found / expected */
  flags: { expected: number; found: number; recall: number; extra: number };
  clean: number;
  /** clean documents with any flag, with any error flag */
  falseAlarmDocs: number;
  falseAlarmErrorDocs: number;
  /** documents whose status is not ok (or that are missing) */
  notOk: number;
}

const ratio = (a: number, b: number): number => (b ? a / b : 0);

export function summarize(docs: readonly DocScore[]): Summary {
  const fr = docs.reduce((s, d) => s + d.fields.right, 0), ft = docs.reduce((s, d) => s + d.fields.total, 0);
  const tp = docs.reduce((s, d) => s + d.ind.tp, 0), fp = docs.reduce((s, d) => s + d.ind.fp, 0), fn = docs.reduce((s, d) => s + d.ind.fn, 0);
  const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
  let expected = 0, found = 0, extra = 0;
  for (const d of docs)
    for (const c of Object.values(d.flagCodes)) {
      expected += c.expected;
      found += c.found;
      extra += c.extra;
    }
  const clean = docs.filter((d) => d.clean);
  return {
    docs: docs.length,
    fields: { right: fr, total: ft, accuracy: ratio(fr, ft) },
    indicators: { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : tp + fp + fn === 0 ? 1 : 0 },
    flags: { expected, found, recall: ratio(found, expected), extra },
    clean: clean.length,
    falseAlarmDocs: clean.filter((d) => d.raised > 0).length,
    falseAlarmErrorDocs: clean.filter((d) => d.raisedErrors > 0).length,
    notOk: docs.filter((d) => d.status !== 'ok').length,
  };
}

/** Per flag code: cases expected, found, recall; raised where not expected (false alarms); documents with such a false alarm. */
export function perCode(docs: readonly DocScore[]): Record<string, { expected: number; found: number; recall: number; falseAlarms: number; falseAlarmDocs: number }> {
  const out: Record<string, { expected: number; found: number; recall: number; falseAlarms: number; falseAlarmDocs: number }> = {};
  for (const d of docs)
    for (const [code, c] of Object.entries(d.flagCodes)) {
      const o = (out[code] ??= { expected: 0, found: 0, recall: 0, falseAlarms: 0, falseAlarmDocs: 0 });
      o.expected += c.expected;
      o.found += c.found;
      o.falseAlarms += c.extra;
      if (c.extra > 0) o.falseAlarmDocs++;
    }
  for (const o of Object.values(out)) o.recall = ratio(o.found, o.expected);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export interface PartReport {
  part: string;
  expectedDir: string;
  result: EvalResult;
  overall: Summary;
  byFamily: Record<string, Summary>;
  byProducer: Record<string, Summary>;
  /** per layout or scan kind of the manifest (a document counts under each of its kinds) */
  byKind: Record<string, Summary>;
  byCode: ReturnType<typeof perCode>;
}

function group(docs: readonly DocScore[], key: (d: DocScore) => string): Record<string, Summary> {
  const m = new Map<string, DocScore[]>();
  for (const d of docs) {
    const k = key(d);
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(d);
  }
  return Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, summarize(v)]));
}

/** The manifest beside or above an expected folder (up to three levels), or null. */
export function findManifest(expectedDir: string): string | null {
  let dir = resolve(expectedDir);
  for (let i = 0; i < 4; i++) {
    const p = join(dir, 'manifest.json');
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  return null;
}

/** The part's name: the expected folder's parent folder name when the folder is called `expected`. */
export function partName(expectedDir: string): string {
  const abs = resolve(expectedDir);
  return basename(abs) === 'expected' ? basename(dirname(abs)) : basename(abs);
}

export function evaluateParts(outputDir: string, expectedDirs: readonly string[], manifestPath?: string | null): PartReport[] {
  const reports: PartReport[] = [];
  for (const dir of expectedDirs) {
    const mp = manifestPath ?? findManifest(dir);
    const manifest = new Map<string, ManifestDoc>();
    if (mp && existsSync(mp)) for (const d of (JSON.parse(readFileSync(mp, 'utf8')).documents ?? []) as ManifestDoc[]) manifest.set(d.doc_id, d);
    const result = evaluate(outputDir, dir);
    const typeOf = new Map<string, string>();
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const e = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      typeOf.set(e.doc_id ?? f.slice(0, -5), String(e.doc_type ?? '?'));
    }
    const fam = (d: DocScore) => manifest.get(d.doc_id)?.family ?? typeOf.get(d.doc_id) ?? '?';
    const prod = (d: DocScore) => manifest.get(d.doc_id)?.producer ?? (d.text_source || '(missing)');
    reports.push({
      part: partName(dir),
      expectedDir: dir,
      result,
      overall: summarize(result.documents),
      byFamily: group(result.documents, fam),
      byProducer: group(result.documents, prod),
      byKind: Object.fromEntries(
        [...new Set(result.documents.flatMap((d) => manifest.get(d.doc_id)?.kinds ?? []))]
          .sort()
          .map((k) => [k, summarize(result.documents.filter((d) => manifest.get(d.doc_id)?.kinds?.includes(k)))]),
      ),
      byCode: perCode(result.documents),
    });
  }
  return reports;
}

const pc = (x: number, n: number): string => (n ? `${(100 * x).toFixed(1)}%` : '-');

function summaryTable(title: string, rows: Record<string, Summary>): string[] {
  const w = Math.max(14, ...Object.keys(rows).map((k) => k.length + 2));
  const out = [`${title.padEnd(w)} ${'docs'.padStart(4)}  ${'fields'.padStart(7)}  ${'ind F1'.padStart(6)}  ${'flag recall'.padStart(13)}  ${'clean'.padStart(5)}  ${'FA any'.padStart(6)}  ${'FA err'.padStart(6)}  ${'not ok'.padStart(6)}`];
  for (const [k, s] of Object.entries(rows)) {
    const ind = s.indicators.tp + s.indicators.fp + s.indicators.fn;
    out.push(
      `${k.padEnd(w)} ${String(s.docs).padStart(4)}  ${pc(s.fields.accuracy, s.fields.total).padStart(7)}  ${(ind ? s.indicators.f1.toFixed(3) : '-').padStart(6)}  ${`${s.flags.found}/${s.flags.expected} ${s.flags.expected ? pc(s.flags.recall, 1) : ''}`.padStart(13)}  ${String(s.clean).padStart(5)}  ${String(s.falseAlarmDocs).padStart(6)}  ${String(s.falseAlarmErrorDocs).padStart(6)}  ${String(s.notOk).padStart(6)}`,
    );
  }
  return out;
}

export function formatParts(parts: readonly PartReport[]): string {
  const out: string[] = [];
  out.push('Columns: fields = field accuracy without flags; ind F1 = indicator rows (a row is right when every listed field is);');
  out.push('flag recall = expected flags raised; clean = documents expecting no flag; FA any / FA err = clean documents with any flag / with an error flag.');
  for (const p of parts) {
    out.push('', `== part ${p.part} (${p.expectedDir}) ==`);
    out.push(...summaryTable('all', { all: p.overall }));
    out.push('', ...summaryTable('by family', p.byFamily));
    out.push('', ...summaryTable('by producer', p.byProducer));
    if (Object.keys(p.byKind).length) out.push('', ...summaryTable('by kind', p.byKind));
    out.push('', `${'flag code'.padEnd(18)} ${'found/expected'.padStart(14)}  ${'recall'.padStart(6)}  ${'false alarms'.padStart(12)}  ${'in docs'.padStart(7)}`);
    for (const [code, c] of Object.entries(p.byCode))
      out.push(`${code.padEnd(18)} ${`${c.found}/${c.expected}`.padStart(14)}  ${pc(c.recall, c.expected).padStart(6)}  ${String(c.falseAlarms).padStart(12)}  ${String(c.falseAlarmDocs).padStart(7)}`);
    const pairs = p.result.documents.filter((d) => d.twin);
    if (pairs.length) {
      out.push('', 'scan beside its born-digital twin, on the scan\'s expected fields (fields without flags; indicator F1)');
      const w = Math.max(12, ...pairs.map((d) => d.doc_id.length));
      out.push(`${'scan'.padEnd(w)}  ${'fields'.padStart(7)}  ${'twin'.padStart(7)}  ${'ind F1'.padStart(6)}  ${'twin'.padStart(6)}  flags raised`);
      const f1 = (c: RowCounts) => {
        const pr = ratio(c.tp, c.tp + c.fp), rc = ratio(c.tp, c.tp + c.fn);
        return pr + rc ? (2 * pr * rc) / (pr + rc) : 0;
      };
      for (const d of pairs) {
        const tw = d.twin!;
        out.push(`${d.doc_id.padEnd(w)}  ${percent(d.fields.right, d.fields.total).padStart(7)}  ${percent(tw.fields!.right, tw.fields!.total).padStart(7)}  ${f1(d.ind).toFixed(3).padStart(6)}  ${f1(tw.ind!).toFixed(3).padStart(6)}  ${d.raised} (${d.raisedErrors} error)`);
      }
      const sr = pairs.reduce((a, d) => a + d.fields.right, 0), st = pairs.reduce((a, d) => a + d.fields.total, 0);
      const tr = pairs.reduce((a, d) => a + d.twin!.fields!.right, 0), tt = pairs.reduce((a, d) => a + d.twin!.fields!.total, 0);
      const sum = (k: keyof RowCounts, tw: boolean) => pairs.reduce((a, d) => a + (tw ? d.twin!.ind! : d.ind)[k], 0);
      const agg = (tw: boolean) => f1({ tp: sum('tp', tw), fp: sum('fp', tw), fn: sum('fn', tw) });
      out.push(`${'all pairs'.padEnd(w)}  ${percent(sr, st).padStart(7)}  ${percent(tr, tt).padStart(7)}  ${agg(false).toFixed(3).padStart(6)}  ${agg(true).toFixed(3).padStart(6)}`);
    }
  }
  return out.join('\n');
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

/** The report as JSON (per part: overall, by family, by producer, by code, and per document). */
export function partsJson(parts: readonly PartReport[]): unknown {
  return parts.map((p) => ({
    part: p.part,
    expected_dir: p.expectedDir,
    overall: p.overall,
    by_family: p.byFamily,
    by_producer: p.byProducer,
    by_kind: p.byKind,
    by_code: p.byCode,
    documents: p.result.documents.map((d) => ({ doc_id: d.doc_id, status: d.status, fields: d.fields, ind: d.ind, flags: d.flagCodes, clean: d.clean, raised: d.raised, raised_errors: d.raisedErrors, twin: d.twin, wrong: d.wrong })),
  }));
}

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const opt = (name: string): string | null => {
    const k = argv.indexOf(name);
    return k >= 0 ? (argv[k + 1] ?? '') : null;
  };
  const manifest = opt('--manifest');
  const json = opt('--json');
  const args = argv.filter((a, i) => a !== '--verbose' && a !== '-v' && a !== '--manifest' && a !== '--json' && argv[i - 1] !== '--manifest' && argv[i - 1] !== '--json');
  if (args.length < 2 || args.some((a) => a.startsWith('-')) || manifest === '' || json === '') {
    console.error('usage: node dist/scripts/eval.js <outputDir> <expectedDir>... [--manifest <file>] [--json <file>] [--verbose]');
    return 2;
  }
  const [outDir, ...expDirs] = args;
  for (const d of [outDir, ...expDirs]) {
    if (!existsSync(d) || !statSync(d).isDirectory()) {
      console.error(`eval: not a folder: ${d}`);
      return 2;
    }
  }
  const parts = evaluateParts(outDir, expDirs, manifest);
  for (const p of parts) {
    if (parts.length > 1) console.log(`\n## ${p.part}`);
    console.log(formatReport(p.result, verbose));
  }
  console.log('\n' + formatParts(parts));
  if (json) {
    writeFileSync(json + '.tmp', JSON.stringify(partsJson(parts), null, 1) + '\n');
    renameSync(json + '.tmp', json);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
