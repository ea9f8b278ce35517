/**
 * `jixiao recheck <out-dir> [--corrections corrections.csv]`: the records of a finished run
 * (json/*.json; no PDF is read) with an auditor's corrections applied, every per-document check
 * and every link run again, every output file rewritten (the same writer as extract's end).
 * Bad corrections: CorrectionError naming the line, and nothing is written.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentRecord } from '../../schemas/record.js';
import { runChecks } from '../checks/index.js';
import { linkRecords } from '../links/index.js';
import { writeRunFiles } from '../pipeline/finish.js';
import { applyCorrections, parseCorrections, type CorrectionLine } from './corrections.js';

export { CorrectionError, applyCorrections, parseCorrections, type CorrectionLine } from './corrections.js';

export interface RecheckOptions {
  /** Path of corrections.csv. */
  corrections?: string;
  /** Write report.html (default true, as extract). */
  report?: boolean;
  /** Write jixiao.xlsx (default true, as extract). */
  xlsx?: boolean;
  /** Write jixiao.sqlite (default true). */
  db?: boolean;
}

export interface RecheckResult {
  documents: number;
  corrections: number;
  flags: number;
  links: number;
  /** Milliseconds: reading json, the recheck logic (corrections, checks, links), writing files. */
  timings: { read: number; logic: number; write: number };
}

/**
 * Run the per-document checks again on a record as it stands (a failed document stays as it is).
 * The record's warnings keep what ingest, layout and the form parser wrote; the checks' own
 * notes (the last of them in an extracted record) are replaced by this run's: the notes that
 * the checks give on `before` (the record as extract or an earlier recheck left it, default the
 * record itself) are taken out, and this run's appended, so a corrected figure leaves no stale
 * note behind.
 */
export function recheckRecord(r: DocumentRecord, before: DocumentRecord = r): DocumentRecord {
  if (r.status === 'failed') return r;
  const checked = runChecks({
    doc_type: r.doc_type,
    money_unit: r.money_unit,
    projects: r.projects,
    summary_table: r.summary_table,
  });
  const stale =
    before === r
      ? checked.warnings
      : runChecks({ doc_type: before.doc_type, money_unit: before.money_unit, projects: before.projects, summary_table: before.summary_table }).warnings;
  const warnings = [...withoutTail(r.warnings, stale), ...checked.warnings];
  const marked = checked.flags.map((f) => (f.refs.some((ref) => ref.corrected_from !== undefined) ? { ...f, corrected: true } : f));
  return { ...r, projects: checked.projects, flags: marked, warnings };
}

/**
 * `list` without the notes of `tail`: the run of them at its end when it ends with exactly
 * those (an extracted record), else each one of them wherever it stands.
 */
function withoutTail(list: readonly string[], tail: readonly string[]): string[] {
  if (!tail.length) return [...list];
  const n = list.length - tail.length;
  if (n >= 0 && tail.every((t, i) => list[n + i] === t)) return list.slice(0, n);
  const drop = new Set(tail);
  return list.filter((w) => !drop.has(w));
}

/** The recheck logic without files: corrections applied, checks and links run again. Doc_id order. */
export function recheckRecords(records: readonly DocumentRecord[], corrections: readonly CorrectionLine[] = []): DocumentRecord[] {
  const corrected = applyCorrections(records, corrections);
  return linkRecords(corrected.map((r, i) => recheckRecord(r, records[i])));
}

/** Read every json/<doc_id>.json of a run folder (doc_id order), validated. */
export async function readRunRecords(outDir: string): Promise<DocumentRecord[]> {
  let names: string[];
  try {
    names = (await readdir(join(outDir, 'json'))).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new Error(`${outDir} is not a jixiao output folder (no json/ in it)`);
  }
  if (!names.length) throw new Error(`${join(outDir, 'json')} holds no record`);
  const out: DocumentRecord[] = [];
  for (const n of names) {
    const res = DocumentRecord.safeParse(JSON.parse(await readFile(join(outDir, 'json', n), 'utf8')));
    if (!res.success) throw new Error(`json/${n} does not match the schema: ${res.error.issues[0]?.message ?? ''}`);
    out.push(res.data);
  }
  return out;
}

/** Recheck a run folder in place; see the module comment. */
export async function recheck(outDir: string, options: RecheckOptions = {}): Promise<RecheckResult> {
  const t0 = performance.now();
  const lines = options.corrections ? parseCorrections(await readFile(options.corrections, 'utf8')) : [];
  const records = await readRunRecords(outDir);
  const t1 = performance.now();
  const rechecked = recheckRecords(records, lines);
  const t2 = performance.now();
  await writeRunFiles(outDir, rechecked, { report: options.report ?? true, xlsx: options.xlsx ?? true, db: options.db ?? true });
  const t3 = performance.now();
  return {
    documents: rechecked.length,
    corrections: lines.length,
    flags: rechecked.reduce((a, r) => a + r.flags.length, 0),
    links: rechecked.reduce((a, r) => a + (r.links?.length ?? 0), 0),
    timings: { read: t1 - t0, logic: t2 - t1, write: t3 - t2 },
  };
}
