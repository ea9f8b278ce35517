/**
 * The links stage (after checks, before emit): projects of different documents of one run
 * that belong together, and the flags of each pair (CONTRACT v2, "Cross-document audit").
 *
 *   DocumentRecord[] (each checked alone) ─ linkRecords ─▶ DocumentRecord[] with `links` and
 *   the pair flags (TARGET_CHANGED, INDICATOR_DROPPED, BUDGET_CHANGED, PRIOR_YEAR, DUPLICATE)
 *
 * Relations: `declared_in` (self-evaluation of year Y → declaration of year Y), `prior_year`
 * (declaration of year Y → the self-evaluation of a year it states a budget for, Y−1 or Y−2;
 * that year's declaration when the run holds no self-evaluation of it),
 * `duplicate` (the same filing twice: same bytes, or same type, projects, years and figures).
 * A project is matched by its reduced name, its unit or department and its fiscal year; the
 * score (0..1) weighs them (`LINK_WEIGHTS`), and below `LINK_THRESHOLD` there is no link.
 * Pure: inputs are not mutated; the same records give the same output in any order.
 */
import { PAIR_FLAG_CODES, type DocumentRecord, type Flag, type Link, type Num, type Project, type Text } from '../../schemas/record.js';
import { compareFlags } from '../checks/index.js';
import { makeFlag } from '../checks/flag.js';
import { PAIR_RULES } from '../checks/rules-data.js';
import { formatNumber } from '../text/numbers.js';
import { figureOf, figuresAgree } from './compare.js';
import { DUPLICATE_FIGURES, LINK_THRESHOLD, LINK_WEIGHTS, NAME_MIN, PRIOR_YEARS_BACK, UNIT_MIN, UNIT_UNKNOWN } from './data.js';
import { matchIndicators } from './indicators.js';
import { bigrams, nameSimilarity, projectKey, unitSimilarity } from './names.js';

export { matchIndicators, type IndicatorRow } from './indicators.js';
export { targetChanged, targetMeaning } from './targets.js';
export { projectKey, indicatorKey, unitSimilarity, nameSimilarity } from './names.js';

const PAIR_CODES = new Set<string>(PAIR_FLAG_CODES);
const EVALUATIONS = new Set<string>(['self_eval_table', 'self_eval_report']);

/** One project of the run, with what matching needs computed once. */
interface Ref {
  doc: DocumentRecord;
  p: Project;
  key: string;
  grams: string[];
  year: number | null;
}

/** How two projects match: the score and what matched, or null (no link). */
export interface ProjectMatch {
  score: number;
  matched_on: string;
}

function refOf(doc: DocumentRecord, p: Project): Ref {
  const key = projectKey(p.project_name?.value);
  return { doc, p, key, grams: [...new Set(bigrams(key))], year: p.fiscal_year?.value ?? null };
}

function namesOf(p: Project): { name: string; role: 'unit' | 'department' }[] {
  const out: { name: string; role: 'unit' | 'department' }[] = [];
  if (p.unit?.value) out.push({ name: p.unit.value, role: 'unit' });
  if (p.department?.value && /[\u4e00-\u9fff]/.test(p.department.value)) out.push({ name: p.department.value, role: 'department' });
  return out;
}

/**
 * Score two projects whose years the caller has already matched: name (reduced, tolerant),
 * unit or department (either side's unit against the other's unit or department), year.
 * Null below `NAME_MIN`, below `UNIT_MIN` when both name a unit, or below `LINK_THRESHOLD`.
 */
export function scoreProjects(a: Pick<Project, 'project_name' | 'unit' | 'department'>, b: Pick<Project, 'project_name' | 'unit' | 'department'>, yearPart = 'fiscal_year'): ProjectMatch | null {
  return scoreKeys(projectKey(a.project_name?.value), projectKey(b.project_name?.value), a as Project, b as Project, yearPart);
}

function scoreKeys(ka: string, kb: string, a: Project, b: Project, yearPart: string): ProjectMatch | null {
  const name = nameSimilarity(ka, kb);
  if (name < NAME_MIN) return null;
  const na = namesOf(a);
  const nb = namesOf(b);
  let unit = UNIT_UNKNOWN;
  let unitPart: string | null = null;
  if (na.length && nb.length) {
    unit = 0;
    for (const x of na) {
      for (const y of nb) {
        const s = unitSimilarity(x.name, y.name);
        const part = x.role === 'unit' && y.role === 'unit' ? 'unit' : 'department';
        if (s > unit || (s === unit && part === 'unit' && unitPart !== 'unit')) {
          unit = s;
          unitPart = part;
        }
      }
    }
    if (unit < UNIT_MIN) return null;
  }
  const score = Math.round((LINK_WEIGHTS.project_name * name + LINK_WEIGHTS.unit * unit + LINK_WEIGHTS.fiscal_year) * 10000) / 10000;
  if (score < LINK_THRESHOLD) return null;
  return { score: Math.min(1, score), matched_on: [unitPart, 'project_name', yearPart].filter(Boolean).join('+') };
}

/** Projects of the run by fiscal year, with an index of name bigrams for candidates. */
class ProjectIndex {
  private readonly byYear = new Map<number, { refs: Ref[]; grams: Map<string, number[]>; keys: Map<string, number[]> }>();

  add(r: Ref): void {
    if (r.year == null || !r.key) return;
    let y = this.byYear.get(r.year);
    if (!y) this.byYear.set(r.year, (y = { refs: [], grams: new Map(), keys: new Map() }));
    const i = y.refs.push(r) - 1;
    for (const g of r.grams) (y.grams.get(g) ?? y.grams.set(g, []).get(g)!).push(i);
    (y.keys.get(r.key) ?? y.keys.set(r.key, []).get(r.key)!).push(i);
  }

  /** Projects of `year` sharing the exact key or a name bigram with `key`, in insertion order. */
  candidates(year: number, key: string, grams: readonly string[]): Ref[] {
    const y = this.byYear.get(year);
    if (!y) return [];
    const idx = new Set<number>(y.keys.get(key) ?? []);
    for (const g of grams) for (const i of y.grams.get(g) ?? []) idx.add(i);
    return [...idx].sort((a, b) => a - b).map((i) => y.refs[i]);
  }
}

function byDocId(a: DocumentRecord, b: DocumentRecord): number {
  return a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0;
}

function show(n: Num | null | undefined): string {
  return n ? formatNumber(n.value) : '';
}

function isCorrected(...values: (Num | Text | null | undefined)[]): boolean {
  return values.some((v) => v?.src.corrected_from !== undefined);
}

function pairFlag(
  code: keyof typeof PAIR_RULES,
  seq: number | null,
  field: string,
  reported: Num | Text | string | null,
  expected: string | null,
  message: string,
  other: string,
  own: (Num | Text | null | undefined)[],
  corrected: boolean,
): Flag {
  const f = makeFlag({ code, severity: PAIR_RULES[code].severity, project_seq: seq, field, reported, expected, message, involved: own });
  const isCorr = corrected || f.refs.some((r) => r.corrected_from !== undefined);
  return { ...f, other_doc_id: other, ...(isCorr ? { corrected: true } : {}) };
}

/** Flags of a self-evaluation project against the declaration it answers. */
function declaredInFlags(ev: Ref, decl: Ref): Flag[] {
  const out: Flag[] = [];
  const other = decl.doc.doc_id;
  const seq = ev.p.seq;
  const init = ev.p.initial_budget_wan;
  const declared = decl.p.budget_wan;
  if (init && declared && !figuresAgree(figureOf(init), figureOf(declared))) {
    out.push(
      pairFlag('BUDGET_CHANGED', seq, 'budget_initial_wan', init, show(declared),
        `年初预算数 ${show(init)} 万元与申报表 ${other} 的项目当年预算 ${show(declared)} 万元不一致，请核实预算是否调整。`,
        other, [init], isCorrected(init, declared)),
    );
  }
  const rows = matchIndicators(decl.p.indicators, ev.p.indicators);
  const both = decl.p.indicators.length > 0 && ev.p.indicators.length > 0;
  for (const row of rows) {
    if (row.declared && row.evaluated && row.target_changed) {
      const name = row.evaluated.name.value;
      out.push(
        pairFlag('TARGET_CHANGED', seq, `target:${name}`, row.evaluated.target, row.declared.target?.value ?? null,
          `指标“${name}”的目标值“${row.evaluated.target?.value ?? ''}”与申报表 ${other} 申报的“${row.declared.target?.value ?? ''}”不一致，请核实是否擅自调整绩效目标。`,
          other, [row.evaluated.target, row.evaluated.name], isCorrected(row.evaluated.target, row.declared.target)),
      );
    } else if (both && row.declared && !row.evaluated) {
      const name = row.declared.name.value;
      out.push(
        pairFlag('INDICATOR_DROPPED', seq, `indicator:${name}`, null, name,
          `申报表 ${other} 申报的指标“${name}”在自评中没有对应指标，请核实是否删减了绩效指标。`,
          other, [], false),
      );
    } else if (both && row.evaluated && !row.declared) {
      const name = row.evaluated.name.value;
      out.push(
        pairFlag('INDICATOR_DROPPED', seq, `indicator:${name}`, name, null,
          `自评指标“${name}”不在申报表 ${other} 申报的绩效指标中，请核实是否新增或替换了指标。`,
          other, [row.evaluated.name], false),
      );
    }
  }
  return out;
}

/** PRIOR_YEAR: the budget a declaration states for `year` against that year's filing (initial and adjusted budget alike). */
function priorYearFlags(decl: Ref, stated: { year: number; amount_wan: Num }, other: Ref): Flag[] {
  const theirs = [other.p.initial_budget_wan, other.p.budget_wan].filter((v): v is Num => v != null);
  if (!theirs.length) return [];
  if (theirs.some((v) => figuresAgree(figureOf(stated.amount_wan), figureOf(v)))) return [];
  const expected = other.p.budget_wan ?? other.p.initial_budget_wan!;
  const both = other.p.initial_budget_wan && other.p.budget_wan ? `（年初预算数 ${show(other.p.initial_budget_wan)}，全年预算数 ${show(other.p.budget_wan)}）` : '';
  return [
    pairFlag('PRIOR_YEAR', decl.p.seq, `prior_year_budgets:${stated.year}`, stated.amount_wan, show(expected),
      `申报表所述 ${stated.year} 年预算 ${show(stated.amount_wan)} 万元与该年度文件 ${other.doc.doc_id} 的预算 ${show(expected)} 万元${both}不一致。`,
      other.doc.doc_id, [stated.amount_wan], isCorrected(stated.amount_wan, ...theirs)),
  ];
}

function figure(p: Project, f: (typeof DUPLICATE_FIGURES)[number]): Num | null {
  return p[f];
}

/** Is `later` the same filing as `earlier` under another file name (same type, projects, years, figures)? */
function sameFiling(earlier: DocumentRecord, later: DocumentRecord): { p: number; q: number; m: ProjectMatch }[] | null {
  if (earlier.doc_type !== later.doc_type || earlier.doc_type === 'unknown') return null;
  if (earlier.projects.length !== later.projects.length || !earlier.projects.length) return null;
  const out: { p: number; q: number; m: ProjectMatch }[] = [];
  let compared = 0;
  for (let i = 0; i < earlier.projects.length; i++) {
    const a = earlier.projects[i];
    const b = later.projects[i];
    if (a.fiscal_year?.value == null || a.fiscal_year.value !== b.fiscal_year?.value) return null;
    const m = scoreKeys(projectKey(a.project_name?.value), projectKey(b.project_name?.value), a, b, 'fiscal_year');
    if (!m) return null;
    for (const f of DUPLICATE_FIGURES) {
      const x = figure(a, f);
      const y = figure(b, f);
      if (!x || !y) continue;
      compared++;
      if (!figuresAgree(figureOf(x), figureOf(y))) return null;
    }
    out.push({ p: b.seq, q: a.seq, m: { score: m.score, matched_on: `${m.matched_on}+figures` } });
  }
  return compared > 0 ? out : null;
}

function sortLinks(links: Link[]): Link[] {
  const rel = ['declared_in', 'prior_year', 'duplicate'];
  return links.sort(
    (a, b) =>
      (a.project_seq ?? 0) - (b.project_seq ?? 0) ||
      rel.indexOf(a.relation) - rel.indexOf(b.relation) ||
      (a.other_doc_id < b.other_doc_id ? -1 : a.other_doc_id > b.other_doc_id ? 1 : 0) ||
      (a.other_project_seq ?? 0) - (b.other_project_seq ?? 0),
  );
}

/** A record as the per-document stages left it: without its links and the flags of its pairs. */
export function unlinkedRecord(r: DocumentRecord): DocumentRecord {
  const { links: _drop, ...rest } = r;
  void _drop;
  return { ...rest, flags: r.flags.filter((f) => !PAIR_CODES.has(f.code)) };
}

/**
 * Link the projects of a run and raise the flags of each pair. Earlier links and pair flags
 * on the records are dropped first, so linking again gives the same result (recheck).
 * Returns new records in doc_id order; `links` is absent on a record with none.
 */
export function linkRecords(input: readonly DocumentRecord[]): DocumentRecord[] {
  const records: DocumentRecord[] = [...input].sort(byDocId).map(unlinkedRecord);
  const newFlags = new Map<string, Flag[]>();
  const newLinks = new Map<string, Link[]>();
  const addFlag = (id: string, f: Flag) => (newFlags.get(id) ?? newFlags.set(id, []).get(id)!).push(f);
  const addLink = (id: string, l: Link) => (newLinks.get(id) ?? newLinks.set(id, []).get(id)!).push(l);
  const usable = records.filter((r) => r.status !== 'failed');

  // 1. duplicates: same bytes, or the same filing under another name; later copies take no other link.
  const duplicate = new Set<string>();
  const firstBySha = new Map<string, DocumentRecord>();
  const byShape = new Map<string, DocumentRecord[]>();
  for (const r of usable) {
    const same = firstBySha.get(r.sha256);
    if (same) {
      duplicate.add(r.doc_id);
      r.projects.forEach((p) => addLink(r.doc_id, { project_seq: p.seq, other_doc_id: same.doc_id, other_project_seq: p.seq, relation: 'duplicate', score: 1, matched_on: 'sha256' }));
      addFlag(r.doc_id, pairFlag('DUPLICATE', null, 'sha256', r.doc_id, same.doc_id,
        `本文件与 ${same.doc_id} 内容完全相同（同一 sha256），为重复提交。`, same.doc_id, [], false));
      continue;
    }
    firstBySha.set(r.sha256, r);
    const shape = `${r.doc_type}|${r.projects.map((p) => p.fiscal_year?.value ?? '?').join(',')}`;
    const earlier = byShape.get(shape) ?? [];
    let found = false;
    for (const e of earlier) {
      const pairs = sameFiling(e, r);
      if (!pairs) continue;
      duplicate.add(r.doc_id);
      for (const x of pairs) addLink(r.doc_id, { project_seq: x.p, other_doc_id: e.doc_id, other_project_seq: x.q, relation: 'duplicate', score: x.m.score, matched_on: x.m.matched_on });
      addFlag(r.doc_id, pairFlag('DUPLICATE', null, 'project_name', r.doc_id, e.doc_id,
        `本文件与 ${e.doc_id} 的项目、年度和金额相同，疑为同一文件重复提交。`, e.doc_id, [], false));
      found = true;
      break;
    }
    if (!found) byShape.set(shape, [...earlier, r]);
  }

  // 2. an index of the projects of the documents that are not copies
  const originals = usable.filter((r) => !duplicate.has(r.doc_id));
  const declarations = new ProjectIndex();
  const evaluations = new ProjectIndex();
  for (const r of originals) {
    for (const p of r.projects) {
      const ref = refOf(r, p);
      if (r.doc_type === 'declaration') declarations.add(ref);
      if (EVALUATIONS.has(r.doc_type)) evaluations.add(ref);
    }
  }

  for (const r of originals) {
    for (const p of r.projects) {
      const me = refOf(r, p);
      if (!me.key) continue;
      // 3. declared_in: a self-evaluation answers the declaration of its year
      if (EVALUATIONS.has(r.doc_type) && me.year != null) {
        let best: { ref: Ref; m: ProjectMatch } | null = null;
        for (const c of declarations.candidates(me.year, me.key, me.grams)) {
          if (c.doc === r) continue;
          const m = scoreKeys(me.key, c.key, p, c.p, 'fiscal_year');
          if (m && (!best || m.score > best.m.score)) best = { ref: c, m };
        }
        if (best) {
          addLink(r.doc_id, { project_seq: p.seq, other_doc_id: best.ref.doc.doc_id, other_project_seq: best.ref.p.seq, relation: 'declared_in', score: best.m.score, matched_on: best.m.matched_on });
          for (const f of declaredInFlags(me, best.ref)) addFlag(r.doc_id, f);
        }
      }
      // 4. prior_year: a declaration's stated budgets of earlier years against those years' filings
      if (r.doc_type === 'declaration' && me.year != null) {
        for (const stated of p.prior_year_budgets) {
          if (stated.year >= me.year || me.year - stated.year > PRIOR_YEARS_BACK) continue;
          // that year's self-evaluations; its declaration only when no self-evaluation of it is in the run
          let bestPerDoc = new Map<string, { ref: Ref; m: ProjectMatch }>();
          for (const index of [evaluations, declarations]) {
            for (const c of index.candidates(stated.year, me.key, me.grams)) {
              if (c.doc === r) continue;
              const m = scoreKeys(me.key, c.key, p, c.p, 'prior_year');
              const cur = bestPerDoc.get(c.doc.doc_id);
              if (m && (!cur || m.score > cur.m.score)) bestPerDoc.set(c.doc.doc_id, { ref: c, m });
            }
            if (bestPerDoc.size) break;
            bestPerDoc = new Map();
          }
          for (const { ref, m } of [...bestPerDoc.values()].sort((a, b) => byDocId(a.ref.doc, b.ref.doc))) {
            addLink(r.doc_id, { project_seq: p.seq, other_doc_id: ref.doc.doc_id, other_project_seq: ref.p.seq, relation: 'prior_year', score: m.score, matched_on: m.matched_on });
            for (const f of priorYearFlags(me, stated, ref)) addFlag(r.doc_id, f);
          }
        }
      }
    }
  }

  return records.map((r) => {
    const flags = newFlags.get(r.doc_id);
    const links = newLinks.get(r.doc_id);
    const out: DocumentRecord = { ...r, flags: flags ? [...r.flags, ...flags].sort(compareFlags) : r.flags };
    if (links) out.links = sortLinks(links);
    return out;
  });
}
