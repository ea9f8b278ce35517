/**
 * An auditor's corrections (CONTRACT v2, "Corrections"): `corrections.csv` read and applied to
 * records. Columns `doc_id`, `project_seq`, `field`, `value`, `note` (UTF-8, BOM optional,
 * header row = line 1). `field` is a projects.csv column, `indicator:<name>:<column>` for an
 * indicators.csv column, `budget_line:<kind>:<name>` for a budget line's amount, or
 * `prior_year_budget:<year>` for a budget a declaration states for an earlier year.
 * A corrected value keeps the value it replaced (`corrected_from`, the first one read, so a
 * second application changes nothing) and the note (`correction_note`) in its provenance.
 */
import { BUDGET_LINE_KINDS, type Correction, type DocumentRecord, type Num, type Project, type Provenance, type Text } from '../../schemas/record.js';
import { normalizeText } from '../text/normalize.js';
import { formatNumber, parseNumber } from '../text/numbers.js';

/** A correction line that names nothing that exists, or a value that cannot be one; `line` is 1-based (header = 1). */
export class CorrectionError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`corrections.csv line ${line}: ${reason}`);
  }
}

export interface CorrectionLine {
  line: number;
  doc_id: string;
  project_seq: number | null;
  field: string;
  value: string;
  note: string;
}

const REQUIRED = ['doc_id', 'project_seq', 'field', 'value'] as const;

/** RFC 4180 records with the line each starts on. */
function records(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let line = 1;
  let start = 1;
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      any = true;
    } else if (c === '\r' && text[i + 1] === '\n') {
      continue;
    } else if (c === '\n' || c === '\r') {
      row.push(cell);
      if (any || cell !== '') out.push({ line: start, cells: row });
      row = [];
      cell = '';
      any = false;
      line++;
      start = line;
    } else {
      cell += c;
      any = true;
    }
  }
  if (quoted) throw new CorrectionError(start, 'unterminated quoted cell');
  if (any || cell !== '') {
    row.push(cell);
    out.push({ line: start, cells: row });
  }
  return out;
}

/** Parse corrections.csv; throws CorrectionError (one line, naming the line) on a malformed file. */
export function parseCorrections(text: string): CorrectionLine[] {
  const rows = records(text.replace(/^\uFEFF/, ''));
  if (!rows.length) throw new CorrectionError(1, 'no header row (doc_id,project_seq,field,value,note)');
  const header = rows[0].cells.map((h) => h.trim());
  for (const col of REQUIRED) if (!header.includes(col)) throw new CorrectionError(rows[0].line, `header has no column '${col}'`);
  const at = (cells: string[], col: string) => {
    const k = header.indexOf(col);
    return k >= 0 ? (cells[k] ?? '') : '';
  };
  return rows.slice(1).map(({ line, cells }) => {
    if (cells.length !== header.length) throw new CorrectionError(line, `${cells.length} cells, the header has ${header.length}`);
    const seqText = at(cells, 'project_seq').trim();
    let project_seq: number | null = null;
    if (seqText !== '') {
      project_seq = Number(seqText);
      if (!Number.isInteger(project_seq) || project_seq < 1) throw new CorrectionError(line, `project_seq '${seqText}' is not a whole number ≥ 1`);
    }
    const doc_id = at(cells, 'doc_id').trim();
    if (!doc_id) throw new CorrectionError(line, 'doc_id is empty');
    const field = at(cells, 'field').trim();
    if (!field) throw new CorrectionError(line, 'field is empty');
    // a spreadsheet's formula guard (a leading quote) is not part of the value
    const raw = at(cells, 'value');
    const value = /^'[=+\-@]/.test(raw) ? raw.slice(1) : raw;
    return { line, doc_id, project_seq, field, value, note: at(cells, 'note') };
  });
}

type NumKey = 'fiscal_year' | 'budget_wan' | 'initial_budget_wan' | 'executed_wan' | 'execution_rate_reported' | 'score_reported';
type TextKey = 'unit' | 'department' | 'project_name' | 'grade_reported';

/** projects.csv columns that are read from the filing, and the record field each one is. */
const PROJECT_NUMBERS: Record<string, NumKey> = {
  fiscal_year: 'fiscal_year',
  budget_wan: 'budget_wan',
  budget_initial_wan: 'initial_budget_wan',
  executed_wan: 'executed_wan',
  execution_rate_reported: 'execution_rate_reported',
  score_reported: 'score_reported',
};
const PROJECT_TEXTS: Record<string, TextKey> = { unit: 'unit', department: 'department', project_name: 'project_name', grade_reported: 'grade_reported' };
/** Columns computed by the checks or the writer: corrected through what they are computed from. */
const COMPUTED = new Set(['doc_id', 'project_seq', 'doc_type', 'execution_rate_recomputed', 'score_recomputed', 'grade_expected', 'flags', 'budget_page', 'score_page', 'met', 'page']);
const INDICATOR_TEXTS = ['level1', 'level2', 'name', 'target', 'actual', 'note'] as const;
const INDICATOR_NUMBERS = ['weight', 'score_reported'] as const;

function shown(v: Num | Text | null): string {
  if (!v) return '';
  return typeof v.value === 'number' ? formatNumber(v.value) : v.value;
}

function corrSrc(old: Num | Text | null, value: string, note: string): Provenance {
  const base: Provenance = old ? { ...old.src } : { raw: value };
  const from = old?.src.corrected_from ?? shown(old);
  return { ...base, corrected_from: from, correction_note: note };
}

function correctedNum(old: Num | null, value: string, note: string, line: number, what: string): Num | null {
  if (value.trim() === '') return null;
  const n = parseNumber(value);
  if (!n) throw new CorrectionError(line, `value '${value}' is not one number (${what})`);
  return { value: n.value, ulp: n.ulp, src: corrSrc(old, value, note) };
}

function correctedText(old: Text | null, value: string, note: string): Text | null {
  const v = normalizeText(value);
  if (v === '') return null;
  return { value: v, src: corrSrc(old, value, note) };
}

/** An indicator or budget line named `name` now, or before a correction renamed it. */
function named<T extends { name: Text }>(items: readonly T[], name: string): T | undefined {
  const n = normalizeText(name);
  return items.find((i) => i.name.value === n) ?? items.find((i) => i.name.src.corrected_from === n);
}

function applyOne(r: DocumentRecord, c: CorrectionLine): { previous: string | null } {
  const f = c.field;
  if (COMPUTED.has(f)) throw new CorrectionError(c.line, `field '${f}' is computed, not read: correct what it is computed from`);
  if (c.project_seq == null) throw new CorrectionError(c.line, `field '${f}' needs a project_seq`);
  const p: Project | undefined = r.projects.find((x) => x.seq === c.project_seq);
  if (!p) throw new CorrectionError(c.line, `document '${r.doc_id}' has no project ${c.project_seq}`);
  if (f in PROJECT_NUMBERS) {
    const key = PROJECT_NUMBERS[f];
    const old = p[key];
    const v = correctedNum(old, c.value, c.note, c.line, f);
    if (key === 'fiscal_year' && v && !Number.isInteger(v.value)) throw new CorrectionError(c.line, `fiscal_year '${c.value}' is not a year`);
    p[key] = v;
    return { previous: old?.src.corrected_from ?? (old ? shown(old) : null) };
  }
  if (f in PROJECT_TEXTS) {
    const key = PROJECT_TEXTS[f];
    const old = p[key];
    p[key] = correctedText(old, c.value, c.note);
    return { previous: old?.src.corrected_from ?? (old ? shown(old) : null) };
  }
  let m = /^indicator:(.+):([a-z_0-9]+)$/.exec(f);
  if (m) {
    const ind = named(p.indicators, m[1]);
    if (!ind) throw new CorrectionError(c.line, `project ${p.seq} of '${r.doc_id}' has no indicator '${m[1]}'`);
    const col = m[2];
    if ((INDICATOR_TEXTS as readonly string[]).includes(col)) {
      const k = col as (typeof INDICATOR_TEXTS)[number];
      const old = ind[k];
      const v = correctedText(old, c.value, c.note);
      if (k === 'name') {
        if (!v) throw new CorrectionError(c.line, 'an indicator name cannot be corrected to empty');
        ind.name = v;
      } else ind[k] = v;
      return { previous: old?.src.corrected_from ?? (old ? shown(old) : null) };
    }
    if ((INDICATOR_NUMBERS as readonly string[]).includes(col)) {
      const k = col as (typeof INDICATOR_NUMBERS)[number];
      const old = ind[k];
      ind[k] = correctedNum(old, c.value, c.note, c.line, f);
      // The same printed figure where the project's score items repeat the indicator (a
      // self-evaluation's indicator rows are its scored items): corrected there too.
      for (const s of p.scores) {
        if (s.role === 'indicator' && s.item.value === ind.name.value && shown(s[k]) === shown(old)) s[k] = correctedNum(s[k], c.value, c.note, c.line, f);
      }
      return { previous: old?.src.corrected_from ?? (old ? shown(old) : null) };
    }
    throw new CorrectionError(c.line, `'${col}' is not a correctable indicators.csv column`);
  }
  m = /^budget_line:([a-z_]+):(.+)$/.exec(f);
  if (m) {
    if (!(BUDGET_LINE_KINDS as readonly string[]).includes(m[1])) throw new CorrectionError(c.line, `'${m[1]}' is not a budget line kind (${BUDGET_LINE_KINDS.join(', ')})`);
    const line = named(p.budget_lines.filter((l) => l.kind === m![1]), m[2]);
    if (!line) throw new CorrectionError(c.line, `project ${p.seq} of '${r.doc_id}' has no ${m[1]} line '${m[2]}'`);
    const old = line.amount_wan;
    line.amount_wan = correctedNum(old, c.value, c.note, c.line, f);
    return { previous: old?.src.corrected_from ?? (old ? shown(old) : null) };
  }
  m = /^prior_year_budget:(\d{4})$/.exec(f);
  if (m) {
    const year = Number(m[1]);
    const at = p.prior_year_budgets.findIndex((b) => b.year === year);
    if (at < 0) throw new CorrectionError(c.line, `project ${p.seq} of '${r.doc_id}' states no budget for ${year}`);
    const old = p.prior_year_budgets[at].amount_wan;
    const v = correctedNum(old, c.value, c.note, c.line, f);
    if (!v) p.prior_year_budgets.splice(at, 1);
    else p.prior_year_budgets[at] = { year, amount_wan: v };
    return { previous: old.src.corrected_from ?? shown(old) };
  }
  throw new CorrectionError(c.line, `field '${f}' is not a projects.csv column, indicator:<name>:<column>, budget_line:<kind>:<name> or prior_year_budget:<year>`);
}

/**
 * Apply corrections to copies of `records` (input untouched). All or nothing: the first line
 * that names no existing document, project, indicator, line or field, or gives an unreadable
 * value, throws CorrectionError. Each record keeps the list of its corrections (`corrections`).
 */
export function applyCorrections(input: readonly DocumentRecord[], lines: readonly CorrectionLine[]): DocumentRecord[] {
  const byId = new Map(input.map((r) => [r.doc_id, r]));
  const copies = new Map<string, DocumentRecord>();
  for (const c of lines) {
    const orig = byId.get(c.doc_id);
    if (!orig) throw new CorrectionError(c.line, `no document '${c.doc_id}' in this run`);
    let r = copies.get(c.doc_id);
    if (!r) copies.set(c.doc_id, (r = structuredClone(orig)));
    const { previous } = applyOne(r, c);
    const entry: Correction = { project_seq: c.project_seq, field: c.field, value: c.value, previous, note: c.note };
    const list = (r.corrections ??= []);
    const k = list.findIndex((x) => x.project_seq === c.project_seq && x.field === c.field);
    if (k >= 0) list[k] = { ...entry, previous: list[k].previous };
    else list.push(entry);
  }
  return input.map((r) => copies.get(r.doc_id) ?? r);
}
