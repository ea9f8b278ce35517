/**
 * The form families of ../shared/FORMS.md as generated filings: each builder draws a layout
 * variant (issue 8's kinds), prints a project's figures into it, optionally injects one
 * inconsistency (a flag code of the contract), and returns the document with what a person reads
 * off it (the expected record and flags).
 *
 * A clean filing is consistent in every figure: sums, rates, funds score = weight × min(B/A, 1),
 * indicator scores by the scoring rule, total = sum of the printed parts, grade = the total's
 * grade, every shortfall with a reason, every name the filer's own.
 */
import type { ExpFlag, ExpIndicator, ExpProject, Expected } from '../samples/types.js';
import { CN_DIGITS, IND_HEADERS, LABELS, cnYear } from './data.js';
import { c, fitCols, pageWidth, para, tbl, titleP, type Block, type Doc, type Family, type Filing, type Producer, type Row, type TableBlock } from './model.js';
import {
  GRADES,
  execRate,
  f2,
  fundsScore,
  gradeOf,
  makeProject,
  missTarget,
  money,
  r4,
  rate,
  round,
  type Ind,
  type MoneyStyle,
  type Proj,
  type RateStyle,
} from './project.js';
import { Rand, hash32 } from './rand.js';
import { indicatorRows, splitTable, type ColKey } from './tables.js';

export type Code = 'BUDGET_SUM' | 'EXEC_RATE' | 'FUNDS_SCORE' | 'TOTAL_SCORE' | 'SCORE_OVER_WEIGHT' | 'GRADE' | 'CROSS_REF' | 'ENTITY' | 'TARGET_MISSED';
export const CODES: Code[] = ['BUDGET_SUM', 'EXEC_RATE', 'FUNDS_SCORE', 'TOTAL_SCORE', 'SCORE_OVER_WEIGHT', 'GRADE', 'CROSS_REF', 'ENTITY', 'TARGET_MISSED'];

/** The codes each family can carry. */
export const FAMILY_CODES: Record<Family, Code[]> = {
  declaration: ['BUDGET_SUM', 'CROSS_REF', 'ENTITY'],
  national: ['BUDGET_SUM', 'EXEC_RATE', 'FUNDS_SCORE', 'TOTAL_SCORE', 'SCORE_OVER_WEIGHT', 'GRADE', 'CROSS_REF', 'ENTITY', 'TARGET_MISSED'],
  hubei: ['EXEC_RATE', 'FUNDS_SCORE', 'TOTAL_SCORE', 'SCORE_OVER_WEIGHT', 'GRADE', 'TARGET_MISSED'],
  shanxi: ['BUDGET_SUM', 'FUNDS_SCORE', 'TOTAL_SCORE', 'SCORE_OVER_WEIGHT', 'GRADE'],
  sichuan: ['BUDGET_SUM', 'EXEC_RATE', 'FUNDS_SCORE', 'TOTAL_SCORE', 'SCORE_OVER_WEIGHT', 'GRADE', 'TARGET_MISSED'],
  grid4: ['FUNDS_SCORE', 'TOTAL_SCORE', 'SCORE_OVER_WEIGHT', 'TARGET_MISSED'],
  department: ['EXEC_RATE', 'FUNDS_SCORE', 'TOTAL_SCORE', 'SCORE_OVER_WEIGHT', 'GRADE', 'TARGET_MISSED'],
  report: ['BUDGET_SUM', 'CROSS_REF', 'ENTITY', 'TOTAL_SCORE', 'GRADE', 'EXEC_RATE', 'TARGET_MISSED'],
};

const has = (codes: readonly Code[], c: Code): boolean => codes.includes(c);
const other = (g: string): string => (g === '优' ? '良' : g === '良' ? '优' : g === '中' ? '良' : '中');

function yearText(r: Rand, y: number, kinds: string[]): string {
  if (r.chance(0.15)) {
    kinds.push('cn-year');
    return `${cnYear(y)}年度`;
  }
  return `${y}年度`;
}

function expIndicators(inds: Ind[], o: { actual: boolean; weight: boolean; score: boolean; level1?: boolean }): ExpIndicator[] {
  return inds.map((i) => {
    const e: ExpIndicator = { name: i.name, target: i.target };
    if (o.level1 !== false) e.level1 = i.level1;
    e.level2 = i.level2;
    e.actual = o.actual ? i.actual : null;
    if (o.weight) e.weight = i.weight;
    if (o.score) e.score_reported = i.score;
    return e;
  });
}

interface Printed {
  /** printed execution rate (fraction) or null */
  rate: number | null;
  total: number;
  grade: string | null;
  /** sum of the printed parts other than the funds score (indicators, goals …) */
  others: number;
  fundsWeight: number;
}

function selfEvalTruth(p: Proj, pr: Printed, seq: number, withCode: boolean | null): ExpProject {
  const e: ExpProject = {
    project_seq: seq,
    fiscal_year: p.year,
    unit: p.unit,
    project_name: p.name,
    budget_wan: round(p.budget, 6),
    executed_wan: round(p.executed, 6),
    execution_rate_reported: pr.rate,
    execution_rate_recomputed: r4(execRate(p)),
    score_reported: pr.total,
    score_recomputed: r4(pr.others + pr.fundsWeight * Math.min(execRate(p), 1)),
    grade_reported: pr.grade,
    grade_expected: gradeOf(pr.total),
  };
  if (withCode !== null) (e as unknown as Record<string, unknown>).department = withCode ? p.department : p.department;
  return e;
}

// ------------------------------------------------------------------ the national (MoF) self-evaluation table

interface NatVariant {
  landscape: boolean;
  money: MoneyStyle;
  rate: RateStyle;
  cols: ColKey[];
  headers: Partial<Record<ColKey, string | string[]>>;
  dept: 'plain' | 'composite' | 'code';
  split: number | null;
  repeat: boolean;
  placeholders: boolean;
  noBorderRow: number | null;
  grade: boolean;
  zeroRow: boolean;
  prose: boolean;
  level1Points: boolean;
  labels: { project: string; department: string; unit: string };
}

function natVariant(r: Rand, kinds: string[], p: Proj, fixedMoney?: MoneyStyle): NatVariant {
  const k = (cond: boolean, name: string): boolean => {
    if (cond) kinds.push(name);
    return cond;
  };
  const landscape = k(r.chance(0.3), 'landscape');
  const money: MoneyStyle = fixedMoney ?? (r.chance(0.2) ? 'yuan' : r.chance(0.12) ? 'wan4' : 'wan2');
  if (money !== 'wan2') kinds.push(money.startsWith('yuan') ? 'money-yuan' : 'money-wan4');
  const rs = r.next();
  const rateStyle: RateStyle = rs < 0.6 ? 'pct2' : rs < 0.75 ? 'pct1' : rs < 0.9 ? 'bare' : 'frac';
  if (rateStyle === 'bare' || rateStyle === 'frac') kinds.push('rate-without-percent');
  const split = r.chance(0.25);
  const order = r.chance(0.3);
  let cols: ColKey[] = ['level1', 'level2', 'name', ...(split ? (['nature', 'value', 'unit'] as ColKey[]) : (['target'] as ColKey[])), 'actual', 'weight', 'score', 'note'];
  if (order) {
    kinds.push('column-order');
    cols = cols.filter((x) => x !== 'weight');
    cols.splice(3, 0, 'weight');
  }
  if (split) kinds.push('target-split-columns');
  const syn = k(r.chance(0.5), 'header-synonyms');
  const wrapped = k(r.chance(0.25), 'wrapped-headers');
  const pick = (key: keyof typeof IND_HEADERS): string | string[] => {
    const opts = IND_HEADERS[key].filter((x) => (wrapped ? true : !Array.isArray(x)));
    return syn || wrapped ? r.pick(opts) : opts[0];
  };
  const headers: Partial<Record<ColKey, string | string[]>> = {
    level1: '一级指标',
    level2: '二级指标',
    name: pick('name'),
    target: pick('target'),
    nature: '指标性质',
    value: '指标值',
    unit: '度量单位',
    actual: pick('actual'),
    weight: pick('weight'),
    score: pick('score'),
    note: pick('note'),
  };
  const ds = r.next();
  const dept = ds < 0.25 ? 'composite' : ds < 0.35 ? 'code' : 'plain';
  if (dept !== 'plain') kinds.push(dept === 'composite' ? 'composite-dept-code' : 'dept-code-only');
  const labelSyn = k(r.chance(0.3), 'label-synonyms');
  const labels = {
    project: labelSyn ? r.pick(LABELS.project) : '项目名称',
    department: dept !== 'plain' ? '主管部门及代码' : labelSyn ? r.pick(LABELS.department) : '主管部门',
    unit: labelSyn ? r.pick(LABELS.unit) : '实施单位',
  };
  const pageSplit = k(r.chance(0.35), 'rows-split-across-pages');
  return {
    landscape,
    money,
    rate: rateStyle,
    cols,
    headers,
    dept,
    split: pageSplit ? r.int(1, Math.max(1, p.indicators.length - 2)) : null,
    repeat: pageSplit && k(r.chance(0.5), 'repeated-header-rows'),
    placeholders: k(r.chance(0.2), 'placeholders'),
    noBorderRow: r.chance(0.25) ? (kinds.push('missing-inner-borders'), r.int(0, p.indicators.length - 1)) : null,
    grade: r.chance(0.7),
    zeroRow: k(r.chance(0.2), 'printed-zero'),
    prose: k(r.chance(0.5), 'figures-in-prose'),
    level1Points: k(r.chance(0.3), 'level1-points'),
    labels,
  };
}

/**
 * Sets the printed funds score, total, grade and rate from the true figures, then applies the
 * score-side injections asked for, in order: EXEC_RATE (printed rate off B/A), FUNDS_SCORE
 * (funds score off weight × rate; the total still adds up), TOTAL_SCORE (total off the sum of
 * its parts), GRADE (grade off the total). Returns the codes applied.
 */
function injectScores(r: Rand, codes: readonly Code[], p: Proj, fundsW: number, others: () => number, set: { funds: number; total: number; grade: string | null; rate: number | null }): Code[] {
  const done: Code[] = [];
  const base = (): number => round(set.funds + others(), 2);
  if (has(codes, 'EXEC_RATE') && set.rate !== null) {
    const er = execRate(p);
    const d = r.num(0.03, 0.08, 2);
    // a whole percent, so that every rate style prints it exactly
    set.rate = round(er + d <= 1 ? er + d : er - d, 2);
    done.push('EXEC_RATE');
  }
  if (has(codes, 'FUNDS_SCORE')) {
    const d = r.num(1, 2.5, 2);
    if (set.funds - d >= 0) {
      set.funds = round(set.funds - d, 2);
      done.push('FUNDS_SCORE');
    }
  }
  set.total = base();
  if (has(codes, 'TOTAL_SCORE')) {
    const d = r.num(1.5, 4, 2);
    set.total = round(set.total > 95 ? set.total - d : set.total + d, 2);
    done.push('TOTAL_SCORE');
  }
  if (set.grade !== null) {
    set.grade = gradeOf(set.total);
    if (has(codes, 'GRADE')) {
      set.grade = other(set.grade);
      done.push('GRADE');
    }
  }
  void fundsW;
  return done;
}

export interface FormOut {
  blocks: Block[];
  truth: ExpProject;
  injected: string[];
}

/** One national self-evaluation form (a project), for a document or a report's attachment. */
export function nationalForm(r: Rand, p: Proj, codes: readonly Code[], kinds: string[], seq: number, fixedMoney?: MoneyStyle, withTitle = true): FormOut {
  const v = natVariant(r, kinds, p, fixedMoney);
  const injected: string[] = [];
  let pointsOverride: Record<string, number> | undefined;
  const W = 10;
  if (has(codes, 'TARGET_MISSED') && missTarget(r, p)) injected.push('TARGET_MISSED');
  if (has(codes, 'SCORE_OVER_WEIGHT')) {
    const sum = p.indicators.reduce((a, i) => a + i.score, 0) + fundsScore(W, p);
    const cand = p.indicators.filter((i) => i.score === i.weight);
    if (sum <= 98.5 && cand.length) {
      const i = r.pick(cand);
      i.score = i.weight + 1;
      injected.push('SCORE_OVER_WEIGHT');
    } else {
      // issue 9 kind 3: a section label whose points are not the sum of its items' weights
      v.level1Points = true;
      pointsOverride = { 产出指标: p.indicators.filter((x) => x.level1 === '产出指标').reduce((a, x) => a + x.weight, 0) + 10 };
      kinds.push('section-points-do-not-add-up');
      injected.push('SCORE_OVER_WEIGHT');
    }
  }
  const pr = rate(execRate(p), v.rate);
  const set = { funds: fundsScore(W, p), total: 0, grade: v.grade ? '' : null, rate: pr.value as number | null };
  const indSum = () => round(p.indicators.reduce((a, i) => a + i.score, 0), 2);
  injected.push(...injectScores(r, codes, p, W, indSum, set));
  const rateText = (x: number): string => {
    if (v.rate === 'pct2') return `${(x * 100).toFixed(2)}%`;
    if (v.rate === 'pct1') return `${(x * 100).toFixed(1)}%`;
    if (v.rate === 'bare') return (x * 100).toFixed(2);
    return x.toFixed(4);
  };
  const m = (x: number) => money(x, v.money);
  // funding rows
  const sources = p.sources.map(([n, a]) => [n, a] as [string, number]);
  if (has(codes, 'BUDGET_SUM')) {
    if (sources.length < 2) {
      const a = round(p.budget * 0.3, 2);
      sources[0][1] = round(p.budget - a, 6);
      sources.push(['其他资金', a]);
    }
    sources[1][1] = round(sources[1][1] + r.num(1, 6, 2), 6);
    injected.push('BUDGET_SUM');
  }
  const rows: Row[] = [];
  const K = v.cols.length;
  const N = 1 + K;
  const deptText = v.dept === 'composite' ? `${p.department} ${p.deptCode}` : v.dept === 'code' ? p.deptCode : p.department;
  const half = Math.floor((N - 1) / 2);
  rows.push([c(v.labels.project), c(p.name, { cs: N - 1, al: 'l' })]);
  rows.push([c(v.labels.department), c(deptText, { cs: half - 1 }), c(v.labels.unit), c(p.unit, { cs: N - 1 - half })]);
  const unitWord = v.money.startsWith('yuan') ? '元' : '万元';
  const fundRows = sources.length + 1 + (v.zeroRow ? 1 : 0);
  const rateHead = v.rate === 'bare' ? '执行率（%）' : '执行率';
  rows.push([c(`项目资金（${unitWord}）`, { rs: fundRows + 1 }), c('', { cs: N - 7 }), c('年初预算数'), c('全年预算数'), c('全年执行数'), c('分值'), c(rateHead), c('得分')]);
  rows.push([c('年度资金总额', { cs: N - 7, al: 'l' }), c(m(p.initial)), c(m(p.budget)), c(m(p.executed)), c(String(W)), c(rateText(set.rate!)), c(f2(set.funds))]);
  let left = p.executed;
  sources.forEach(([n, a], i) => {
    const ex = i === sources.length - 1 ? round(left, 6) : round(Math.min(a, left), 6);
    left = round(left - ex, 6);
    rows.push([c(i === 0 ? `其中：${n}` : n, { cs: N - 7, al: 'l' }), c('—'), c(m(a)), c(m(ex)), c('—'), c(a > 0 ? rateText(Math.min(ex / a, 9.99)) : '—'), c('—')]);
  });
  if (v.zeroRow) rows.push([c('其他资金', { cs: N - 7, al: 'l' }), c('0'), c('0'), c('0'), c('—'), c(v.rate === 'pct2' || v.rate === 'pct1' ? '0%' : '0'), c('—')]);
  // goals
  const goalDone = has(codes, 'ENTITY')
    ? `${p.otherUnit}按计划完成了${p.name}年度任务，各项指标总体达到预期。`
    : `${p.unit}按计划完成了${p.name}年度任务，各项指标总体达到预期。`;
  if (has(codes, 'ENTITY')) injected.push('ENTITY');
  let prose = goalDone;
  if (v.prose || has(codes, 'CROSS_REF')) {
    const b = has(codes, 'CROSS_REF') ? round(p.executed * r.num(0.85, 0.95, 2), 2) : p.executed;
    prose += `全年实际支出${f2(b)}万元。`;
    if (has(codes, 'CROSS_REF')) injected.push('CROSS_REF');
  }
  const lh = Math.floor((N - 1) / 2);
  rows.push([c('年度总体目标', { rs: 2 }), c('预期目标', { cs: lh }), c('实际完成情况', { cs: N - 1 - lh })]);
  rows.push([c(`${p.unit}计划通过实施${p.name}，完成年度绩效目标，提升服务保障水平。`, { cs: lh, al: 'l' }), c(prose, { cs: N - 1 - lh, al: 'l' })]);
  const ir = indicatorRows(p.indicators, { cols: v.cols, headers: v.headers, level1Points: v.level1Points, pointsOverride, placeholders: v.placeholders, noBorderRow: v.noBorderRow ?? undefined, kindWords: true, scoreFix: r.chance(0.5) });
  const indStart = rows.length;
  rows.push([c('绩效指标', { rs: ir.body.length + 1 }), ...ir.header]);
  for (const b of ir.body) rows.push(b);
  const wi = v.cols.indexOf('weight');
  const si = v.cols.indexOf('score');
  const firstNum = Math.min(wi, si);
  const total: Row = [c('总分', { cs: 1 + firstNum })];
  for (let k = firstNum; k < K; k++) total.push(c(k === wi ? '100' : k === si ? f2(set.total) : ''));
  rows.push(total);
  if (set.grade !== null) rows.push([c('自评等级', { cs: 1 + firstNum }), c(set.grade, { cs: K - firstNum })]);
  const width = pageWidth(v.landscape);
  const base = [1.6, ...v.cols.map((k) => ({ level1: 1.5, level2: 1.6, name: 3.2, target: 1.8, nature: 1.0, value: 1.1, unit: 1.0, actual: 1.8, weight: 1.0, score: 1.1, note: 2.6 })[k as string] ?? 1.5)];
  const cols = fitCols(base, width);
  const t = tbl(cols, rows, { size: v.landscape ? 9 : 8.5 });
  const blocks: Block[] = [];
  const yt = yearText(r, p.year, kinds);
  if (withTitle) {
    // drawn from the project itself (not from r) so that adding this variant left every other filing as it was
    if (new Rand(hash32(`${p.unit}:${p.name}:${p.year}:title`)).chance(0.2)) {
      // issue 8 kind 4: the project's name in the title, followed by the form's name
      kinds.push('project-name-in-title');
      blocks.push(titleP(`${p.name}绩效目标自评表`));
      blocks.push(para(`（${yt}）`, { al: 'c' }));
    } else {
      blocks.push(titleP(`项目支出绩效自评表`));
      blocks.push(para(`（${yt}）`, { al: 'c' }));
    }
  }
  if (v.split !== null) {
    const at = indStart + 1 + v.split;
    const repeat: Row[] = v.repeat ? [[c('绩效指标'), ...ir.header]] : [];
    const [a, b] = splitTable(t, at, repeat);
    blocks.push(a, { kind: 'page', landscape: v.landscape }, b);
    // a level1 cell cut by the break is printed again on the next page
    if (p.indicators[v.split - 1]?.level1 === p.indicators[v.split]?.level1) kinds.push('merged-level1-cut-by-page-break');
  } else blocks.push(t);
  const truth = selfEvalTruth(p, { rate: set.rate, total: set.total, grade: set.grade, others: indSum(), fundsWeight: W }, seq, true);
  truth.department = v.dept === 'code' ? null : p.department;
  (truth as unknown as Record<string, unknown>).department_code = v.dept === 'plain' ? null : p.deptCode;
  (truth as unknown as Record<string, unknown>).budget_initial_wan = round(p.initial, 6);
  truth.budget_lines = [...sources.map(([n, a]) => ({ kind: 'funding_source' as const, name: n, amount_wan: round(a, 6) })), ...(v.zeroRow ? [{ kind: 'funding_source' as const, name: '其他资金', amount_wan: 0 }] : [])];
  truth.indicators = expIndicators(p.indicators, { actual: true, weight: true, score: true });
  return { blocks, truth, injected, landscape: v.landscape } as FormOut & { landscape: boolean };
}

function single(family: Family, doc_type: Expected['doc_type'], title: string, landscape: boolean, blocks: Block[], truth: ExpProject[], injected: string[], kinds: string[], footer: Doc['footer']): Filing {
  const flags: ExpFlag[] = [];
  return {
    doc: { landscape, blocks, title, footer },
    expected: { doc_id: '', doc_type, projects: truth, flags },
    family,
    kinds,
    injected,
  };
}

function flagsOf(injected: string[], seq: number | null): ExpFlag[] {
  return injected.map((code) => ({ code, project_seq: seq }));
}

function footerOf(r: Rand, kinds: string[]): Doc['footer'] {
  const f = r.pick([null, null, 'dash', 'of'] as const);
  if (f) kinds.push('page-marks');
  return f;
}

export function buildNational(r: Rand, codes: readonly Code[]): Filing {
  const kinds: string[] = [];
  const yuan = r.chance(0.2);
  const p = makeProject(r, { yuan });
  const out = nationalForm(r, p, codes, kinds, 1, yuan ? 'yuan' : r.chance(0.15) ? 'wan4' : 'wan2') as FormOut & { landscape: boolean };
  const f = single('national', 'self_eval_table', `${p.name}绩效自评表`, out.landscape, out.blocks, [out.truth], out.injected, kinds, footerOf(r, kinds));
  f.expected.flags = flagsOf(out.injected, 1);
  return f;
}

/** Several national forms in one PDF, one project per page with page marks. */
export function buildMulti(r: Rand, codes: readonly Code[]): Filing {
  const kinds: string[] = ['several-forms-in-one-pdf', 'page-marks'];
  const n = r.int(2, 3);
  const blocks: Block[] = [];
  const truth: ExpProject[] = [];
  const flags: ExpFlag[] = [];
  const injected: string[] = [];
  const hit = r.int(1, n);
  const year = r.int(2020, 2025);
  let landscape = false;
  for (let s = 1; s <= n; s++) {
    const p = makeProject(r, { yuan: false });
    p.year = year;
    const zeroSum = has(codes, 'BUDGET_SUM') && s === hit && r.chance(0.5);
    const out = nationalForm(r, p, s === hit ? codes.filter((x) => !(zeroSum && x === 'BUDGET_SUM')) : [], kinds, s, zeroSum ? 'yuan' : 'wan2') as FormOut & { landscape: boolean };
    if (zeroSum) {
      // issue 9 kind 6: a total in 元 whose parts all print 0
      kinds.push('zero-parts-sum');
      const t = out.blocks.find((b) => b.kind === 'table') as TableBlock;
      for (const row of t.rows) {
        const first = row[0];
        const lab = typeof first === 'object' && first !== null ? String(first.t) : '';
        if (/^(其中：)?(当年财政拨款|上年结转资金|其他资金)$/.test(lab)) {
          row[2] = c('0');
          row[3] = c('0');
          row[5] = c('—');
        }
      }
      out.truth.budget_lines = out.truth.budget_lines!.map((l) => ({ ...l, amount_wan: 0 }));
      out.injected.push('BUDGET_SUM');
    }
    if (s === 1) landscape = out.landscape;
    if (s > 1) blocks.push({ kind: 'page', landscape: out.landscape });
    blocks.push(...out.blocks);
    truth.push(out.truth);
    flags.push(...flagsOf(out.injected, s));
    injected.push(...out.injected);
  }
  const f = single('national', 'self_eval_table', '项目支出绩效自评表', landscape, blocks, truth, injected, kinds, 'dash');
  f.expected.flags = flags;
  return f;
}

// ------------------------------------------------------------------ declarations

export function buildDeclaration(r: Rand, codes: readonly Code[], hints: BuildHints = {}): Filing {
  const kinds: string[] = [];
  const yuan = r.chance(0.25);
  if (yuan) kinds.push('money-yuan');
  const p = makeProject(r, { yuan, counts: [r.int(3, 5), r.int(1, 3), 1] });
  const ms: MoneyStyle = yuan ? r.pick(['yuan', 'yuan-plain'] as const) : r.chance(0.15) ? 'wan4' : 'wan2';
  if (ms === 'wan4') kinds.push('money-wan4');
  const m = (x: number) => money(x, ms);
  const unitWord = yuan ? '元' : '万元';
  const injected: string[] = [];
  const hubeiStyle = r.chance(0.4);
  // a declaration printed from a web page comes mostly from a browser
  const web = r.chance(hints.producer === 'chromium' ? 0.75 : 0.1);
  if (web) kinds.push('web-page-chrome');
  const ds = r.next();
  const dept = ds < 0.25 ? 'composite' : ds < 0.3 ? 'code' : 'plain';
  if (dept !== 'plain') kinds.push(dept === 'composite' ? 'composite-dept-code' : 'dept-code-only');
  const labelSyn = r.chance(0.3);
  if (labelSyn) kinds.push('label-synonyms');
  const lab = {
    project: labelSyn ? r.pick(LABELS.project) : '项目名称',
    dept: dept !== 'plain' ? '主管部门及代码' : labelSyn ? r.pick(LABELS.department) : '主管部门',
    unit: labelSyn ? r.pick(['实施单位', '执行单位', '项目实施单位']) : hubeiStyle ? '项目执行单位' : '实施单位',
  };
  const deptText = dept === 'composite' ? `${p.department} ${p.deptCode}` : dept === 'code' ? p.deptCode : p.department;
  const sources = p.sources.map(([n, a]) => [n === '当年财政拨款' ? '一般公共预算财政拨款' : n, a] as [string, number]);
  if (has(codes, 'BUDGET_SUM')) {
    if (sources.length < 2) {
      const a = round(p.budget * 0.25, 2);
      sources[0][1] = round(p.budget - a, 6);
      sources.push(['其他资金', a]);
    }
    sources[0][1] = round(sources[0][1] - r.num(1, 5, 2), 6);
    injected.push('BUDGET_SUM');
  }
  // expense items (hubei style): two or three items summing to the budget
  const items: [string, number][] = [];
  if (hubeiStyle) {
    const names = r.some(['专用材料费', '委托业务费', '劳务费', '培训费', '印刷费', '设备购置费'], r.int(2, 3));
    let left = p.budget;
    names.forEach((n, i) => {
      const a = i === names.length - 1 ? round(left, 6) : yuan ? Math.round(left * r.num(0.2, 0.5, 2) * 10000) / 10000 : round(left * r.num(0.2, 0.5, 2), 2);
      left = round(left - a, 6);
      items.push([n, a]);
    });
  }
  const prior = [
    { year: p.year - 2, amount_wan: round(p.budget * r.num(0.6, 1.1, 2), 2) },
    { year: p.year - 1, amount_wan: round(p.budget * r.num(0.7, 1.1, 2), 2) },
  ];
  const stated = has(codes, 'CROSS_REF') ? round(p.budget * r.num(0.8, 0.92, 2), 2) : p.budget;
  if (has(codes, 'CROSS_REF')) injected.push('CROSS_REF');
  const priorText = `${prior[0].year}年预算为${f2(prior[0].amount_wan)}万元，${prior[1].year}年预算为${f2(prior[1].amount_wan)}万元，${p.year}年预算${f2(stated)}万元。`;
  const reasonUnit = has(codes, 'ENTITY') ? p.otherUnit : p.department;
  if (has(codes, 'ENTITY')) injected.push('ENTITY');
  const reason = `根据上级工作部署，${reasonUnit}需开展${p.name}，保障年度重点工作顺利推进。`;
  const yt = yearText(r, p.year, kinds);
  const landscape = r.chance(0.15);
  if (landscape) kinds.push('landscape');
  const split = r.chance(0.25);
  const cols: ColKey[] = split ? ['level1', 'level2', 'name', 'nature', 'value', 'unit'] : ['level1', 'level2', 'name', 'target', 'note'];
  if (split) kinds.push('target-split-columns');
  const syn = r.chance(0.4);
  if (syn) kinds.push('header-synonyms');
  const headers: Partial<Record<ColKey, string | string[]>> = {
    level1: '一级指标',
    level2: '二级指标',
    name: syn ? r.pick(['三级指标', '指标名称', '指标内容']) : '三级指标',
    target: syn ? r.pick(['指标值', '目标值', '年度指标值']) : '指标值',
    nature: '指标性质',
    value: '指标值',
    unit: '度量单位',
    note: '备注',
  };
  const placeholders = r.chance(0.25);
  if (placeholders) kinds.push('placeholders');
  const ir = indicatorRows(p.indicators, { cols, headers, placeholders, kindWords: true, level1Points: false });
  const N = 1 + cols.length;
  const rest = N - 1;
  const half = Math.floor(rest / 2);
  const rows: Row[] = [];
  rows.push([c(lab.project), c(p.name, { cs: rest, al: 'l' })]);
  rows.push([c(lab.dept), c(deptText, { cs: half - 1 }), c(lab.unit), c(p.unit, { cs: rest - half })]);
  rows.push([c('项目属性'), c(r.pick(['经常性项目', '一次性项目']), { cs: half - 1 }), c('项目期'), c('1年', { cs: rest - half })]);
  if (hubeiStyle) rows.push([c('项目申请理由'), c(reason, { cs: rest, al: 'l' })]);
  // issue 8 kind 7: the total budget written as people write it, inside running text (drawn from the project, not from r)
  const inText = !yuan && sources.length >= 2 && new Rand(hash32(`${p.unit}:${p.name}:${p.year}:money`)).chance(0.5);
  if (inText) kinds.push('money-in-running-text');
  const totalText = inText ? `${f2(p.budget)}万(其中${sources.map(([n, a]) => `${n}${f2(a)}万元`).join(',')})` : m(p.budget);
  rows.push([c('项目总预算'), c(totalText, { cs: half - 1 }), c('项目当年预算'), c(inText ? `${f2(p.budget)}万元` : m(p.budget), { cs: rest - half })]);
  rows.push([c('项目前两年预算及当年预算变动情况'), c(priorText, { cs: rest, al: 'l' })]);
  const srcTotal = p.budget;
  rows.push([c(`项目资金来源（${unitWord}）`, { rs: sources.length + 2 }), c('资金来源项目', { cs: rest - 2 }), c('金额', { cs: 2 })]);
  rows.push([c('合计', { cs: rest - 2 }), c(m(srcTotal), { cs: 2 })]);
  sources.forEach(([n, a], i) => rows.push([c(`${i + 1}.${n}`, { cs: rest - 2, al: 'l' }), c(m(a), { cs: 2 })]));
  if (items.length) {
    rows.push([c(`项目支出明细（${unitWord}）`, { rs: items.length + 2 }), c('支出明细', { cs: rest - 2 }), c('金额', { cs: 2 })]);
    rows.push([c('合计', { cs: rest - 2 }), c(m(p.budget), { cs: 2 })]);
    for (const [n, a] of items) rows.push([c(n, { cs: rest - 2, al: 'l' }), c(m(a), { cs: 2 })]);
  }
  if (!hubeiStyle) rows.push([c('项目申请理由'), c(reason, { cs: rest, al: 'l' })]);
  rows.push([c('年度绩效目标'), c(`通过实施${p.name}，完成年度工作任务，提升服务保障水平。`, { cs: rest, al: 'l' })]);
  rows.push([c('年度绩效指标', { rs: ir.body.length + 1 }), ...ir.header]);
  for (const b of ir.body) rows.push(b);
  const width = pageWidth(landscape);
  const base = [2.6, ...cols.map((k) => ({ level1: 1.8, level2: 1.9, name: 4, target: 2.5, note: 2.2, nature: 1.2, value: 1.5, unit: 1.3 })[k as string] ?? 1.5)];
  const t = tbl(fitCols(base, width), rows, { size: 9 });
  const blocks: Block[] = [];
  if (web) {
    blocks.push(para(`${p.city}人民政府门户网站`, { chrome: 'banner', b: true, size: 14 }));
    blocks.push(para('首页 > 政务公开 > 财政信息 > 预算公开 > 部门预算', { chrome: 'crumb', size: 8 }));
    blocks.push(para('首页 | 政务公开 | 政务服务 | 互动交流 | 走进' + p.county, { chrome: 'nav', size: 8 }));
    blocks.push(para(`发布时间：${p.year - 1}-12-2${r.int(0, 9)}  来源：${p.county}财政局  浏览次数：${r.int(100, 3000)}`, { chrome: 'crumb', size: 8 }));
  }
  blocks.push(titleP(`${yt}项目支出绩效目标申报表`));
  blocks.push(para(`填报单位：${p.unit}（盖章）　　　　金额单位：${unitWord}`, { size: 9 }));
  const pageSplit = r.chance(0.25);
  if (pageSplit) {
    kinds.push('rows-split-across-pages');
    const indStart = rows.length - ir.body.length - 1;
    const at = indStart + 1 + r.int(1, Math.max(1, p.indicators.length - 1));
    const rep = r.chance(0.5);
    if (rep) kinds.push('repeated-header-rows');
    const [a, b] = splitTable(t, at, rep ? [[c('年度绩效指标'), ...ir.header]] : []);
    blocks.push(a, { kind: 'page', landscape }, b);
  } else blocks.push(t);
  blocks.push(para('填报人：　　　　联系电话：　　　　　填报日期：', { size: 9 }));
  if (web) {
    blocks.push(para(`主办：${p.city}人民政府办公室　承办：${p.city}大数据中心　网站标识码：${r.int(1000000000, 9999999999)}`, { chrome: 'foot', size: 8 }));
    blocks.push(para('关于我们 | 网站地图 | 联系我们 | 隐私声明', { chrome: 'foot', size: 8 }));
  }
  const truth: ExpProject = {
    project_seq: 1,
    fiscal_year: p.year,
    unit: p.unit,
    department: dept === 'code' ? null : p.department,
    project_name: p.name,
    budget_wan: round(p.budget, 6),
    executed_wan: null,
    execution_rate_reported: null,
    score_reported: null,
    grade_reported: null,
    prior_year_budgets: prior,
    budget_lines: [
      ...sources.map(([n, a]) => ({ kind: 'funding_source' as const, name: n, amount_wan: round(a, 6) })),
      ...items.map(([n, a]) => ({ kind: 'expense_item' as const, name: n, amount_wan: round(a, 6) })),
    ],
    indicators: expIndicators(p.indicators, { actual: false, weight: false, score: false }).map((i) => ({ ...i, actual: undefined })).map(({ actual: _a, ...i }) => i),
  };
  (truth as unknown as Record<string, unknown>).department_code = dept === 'plain' ? null : p.deptCode;
  const f = single('declaration', 'declaration', `${p.name}绩效目标申报表`, landscape, blocks, [truth], injected, kinds, footerOf(r, kinds));
  f.expected.flags = flagsOf(injected, 1);
  return f;
}

// ------------------------------------------------------------------ Hubei self-evaluation table

export function hubeiForm(r: Rand, p: Proj, codes: readonly Code[], kinds: string[], seq: number, withTitle = true): FormOut {
  const injected: string[] = [];
  const FW = 20;
  const GW = 20;
  if (has(codes, 'TARGET_MISSED') && missTarget(r, p)) injected.push('TARGET_MISSED');
  const goal = r.pick([18, 19, 20]);
  if (has(codes, 'SCORE_OVER_WEIGHT')) {
    const cand = p.indicators.filter((i) => i.score === i.weight);
    const sum = p.indicators.reduce((a, i) => a + i.score, 0) + goal + fundsScore(FW, p);
    if (cand.length && sum <= 98.5) {
      r.pick(cand).score += 1;
      injected.push('SCORE_OVER_WEIGHT');
    }
  }
  const rs: RateStyle = r.chance(0.7) ? 'pct1' : 'pct2';
  const set = { funds: fundsScore(FW, p), total: 0, grade: '' as string | null, rate: rate(execRate(p), rs).value as number | null };
  const others = () => round(p.indicators.reduce((a, i) => a + i.score, 0) + goal, 2);
  injected.push(...injectScores(r, codes, p, FW, others, set));
  const rt = (x: number) => (rs === 'pct1' ? `${(x * 100).toFixed(1)}%` : `${(x * 100).toFixed(2)}%`);
  const cols: ColKey[] = ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'note'];
  const ir = indicatorRows(p.indicators, { cols, headers: { level1: '一级指标', level2: '二级指标', name: '指标内容', target: '年度目标值', actual: '全年完成值', weight: '分值', score: '得分', note: '未完成原因和改进措施' }, scoreFix: false });
  const N = 9;
  const rows: Row[] = [];
  const yt = yearText(r, p.year, kinds);
  rows.push([c('项目名称'), c(p.name, { cs: 4, al: 'l' }), c('自评时间'), c(`${p.year + 1}年3月`, { cs: 3 })]);
  rows.push([c('主管部门'), c(p.department, { cs: 4 }), c('实施单位'), c(p.unit, { cs: 3 })]);
  rows.push([c('自评得分'), c(f2(set.total), { cs: 4 }), c('自评等次'), c(set.grade!, { cs: 3 })]);
  rows.push([c(`项目资金（${FW}分）`, { rs: 2 + p.sources.length }), c('', { cs: 2 }), c('全年预算数(A)', { cs: 2 }), c('全年执行数(B)', { cs: 2 }), c('预算执行率(B/A)'), c('自评分')]);
  rows.push([c('年度资金总额', { cs: 2 }), c(f2(p.budget), { cs: 2 }), c(f2(p.executed), { cs: 2 }), c(rt(set.rate!)), c(f2(set.funds))]);
  const subNames = ['区级预算资金', '省补助', '中央补助'];
  let left = p.executed;
  p.sources.forEach(([, a], i) => {
    const ex = i === p.sources.length - 1 ? round(left, 6) : round(Math.min(a, left), 6);
    left = round(left - ex, 6);
    rows.push([c(i === 0 ? `其中：${subNames[i]}` : subNames[i], { cs: 2, al: 'l' }), c(f2(a), { cs: 2 }), c(f2(ex), { cs: 2 }), c('—'), c('—')]);
  });
  rows.push([c(`项目绩效目标（${GW}分）`, { rs: 2 }), c('年初设定目标', { cs: 3 }), c('全年实际完成情况', { cs: 4 }), c('自评分')]);
  rows.push([c(`完成${p.name}年度任务`, { cs: 3, al: 'l' }), c(`${p.unit}已完成年度主要任务`, { cs: 4, al: 'l' }), c(String(goal))]);
  rows.push([c('绩效指标（60分）', { rs: ir.body.length + 1 }), ...ir.header]);
  for (const b of ir.body) rows.push(b);
  const blocks: Block[] = [];
  if (withTitle) blocks.push(titleP(`${yt}项目支出绩效自评表`));
  blocks.push(tbl(fitCols([1.8, 1.5, 1.7, 2.8, 1.8, 1.8, 1.0, 1.1, 2.6], 17), rows, { size: 8.5 }));
  void N;
  const truth = selfEvalTruth(p, { rate: set.rate, total: set.total, grade: set.grade, others: others(), fundsWeight: FW }, seq, true);
  truth.department = p.department;
  truth.budget_lines = p.sources.map(([, a], i) => ({ kind: 'funding_source' as const, name: subNames[i], amount_wan: round(a, 6) }));
  truth.indicators = expIndicators(p.indicators, { actual: true, weight: true, score: true });
  return { blocks, truth, injected };
}

export function buildHubei(r: Rand, codes: readonly Code[]): Filing {
  const kinds: string[] = [];
  const p = makeProject(r, { sections: [40, 15, 5], counts: [r.int(2, 4), r.int(1, 2), 1] });
  const out = hubeiForm(r, p, codes, kinds, 1);
  const f = single('hubei', 'self_eval_table', `${p.name}绩效自评表`, false, out.blocks, [out.truth], out.injected, kinds, footerOf(r, kinds));
  f.expected.flags = flagsOf(out.injected, 1);
  return f;
}

// ------------------------------------------------------------------ Sichuan-style 部门预算项目支出绩效自评表 (10 + 90)

export function buildSichuan(r: Rand, codes: readonly Code[]): Filing {
  const kinds: string[] = ['form-number-line', 'project-code-prefix'];
  const p = makeProject(r, { sections: [50, 30, 10] });
  const injected: string[] = [];
  const W = 10;
  if (has(codes, 'TARGET_MISSED') && missTarget(r, p)) injected.push('TARGET_MISSED');
  if (has(codes, 'SCORE_OVER_WEIGHT')) {
    const cand = p.indicators.filter((i) => i.score === i.weight);
    const sum = p.indicators.reduce((a, i) => a + i.score, 0) + fundsScore(W, p);
    if (cand.length && sum <= 98.5) {
      r.pick(cand).score += 1;
      injected.push('SCORE_OVER_WEIGHT');
    }
  }
  const rs: RateStyle = r.pick(['pct2', 'pct2', 'bare'] as const);
  if (rs === 'bare') kinds.push('rate-without-percent');
  const set = { funds: fundsScore(W, p), total: 0, grade: r.chance(0.6) ? '' : (null as string | null), rate: rate(execRate(p), rs).value as number | null };
  const others = () => round(p.indicators.reduce((a, i) => a + i.score, 0), 2);
  injected.push(...injectScores(r, codes, p, W, others, set));
  const rt = (x: number) => (rs === 'bare' ? (x * 100).toFixed(2) : `${(x * 100).toFixed(2)}%`);
  // funds rows: 总额 / 其中：财政资金 / 财政专户管理资金 / 单位资金
  const fin = p.sources[0][1];
  const restAmt = round(p.budget - fin, 6);
  const lines: [string, number][] = [
    ['财政资金', fin],
    ['财政专户管理资金', 0],
    ['单位资金', restAmt],
  ];
  if (has(codes, 'BUDGET_SUM')) {
    lines[2][1] = round(lines[2][1] + r.num(1, 5, 2), 6);
    injected.push('BUDGET_SUM');
  }
  const rows: Row[] = [];
  const code14 = `51${r.int(1000, 9999)}${r.int(100000, 999999)}T${r.int(100000000, 999999999)}`;
  const N = 9;
  rows.push([c('项目名称'), c(`${code14}-${p.year}年${p.name}`, { cs: 8, al: 'l' })]);
  rows.push([c('主管部门'), c(p.department, { cs: 3 }), c('实施单位'), c(p.unit, { cs: 4 })]);
  rows.push([c('项目资金（万元）', { rs: 5 }), c(['年度预算数', '（万元）']), c('年初预算数'), c('调整后预算数'), c(['预算执行', '数']), c(rs === 'bare' ? '预算执行率（%）' : '预算执行率'), c('权重'), c('得分'), c('原因')]);
  rows.push([c('总额'), c(f2(p.initial)), c(f2(p.budget)), c(f2(p.executed)), c(rt(set.rate!)), c(String(W)), c(f2(set.funds)), c('')]);
  let left = p.executed;
  // the 年初预算数 of the 其中 rows add up to the total's (financial funds first, the rest to 单位资金)
  let initialLeft = p.initial;
  lines.forEach(([n, a], i) => {
    const ex = i === lines.length - 1 ? round(Math.max(left, 0), 6) : round(Math.min(a, left), 6);
    left = round(left - ex, 6);
    const ini = i === lines.length - 1 ? round(Math.max(initialLeft, 0), 6) : round(Math.min(a, initialLeft), 6);
    initialLeft = round(initialLeft - ini, 6);
    rows.push([c(i === 0 ? `其中：${n}` : n, { al: 'l' }), c(f2(ini)), c(f2(a)), c(f2(ex)), c(a > 0 ? rt(Math.min(ex / a, 9.99)) : rt(0)), c('—'), c('—'), c('')]);
  });
  rows.push([c('年度总体目标', { rs: 2 }), c('预期目标', { cs: 4 }), c('实际完成情况', { cs: 4 })]);
  rows.push([c(`完成${p.name}年度任务。`, { cs: 4, al: 'l' }), c(`${p.unit}已完成年度任务。`, { cs: 4, al: 'l' })]);
  const cols: ColKey[] = ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'note'];
  const ir = indicatorRows(p.indicators, { cols, headers: { level1: '一级指标', level2: '二级指标', name: '三级指标', target: '年度指标值', actual: '实际完成值', weight: '权重', score: '得分', note: '偏差原因分析及改进措施' }, scoreFix: true });
  rows.push([c('绩效指标', { rs: ir.body.length + 1 }), ...ir.header]);
  for (const b of ir.body) rows.push(b);
  rows.push([c('总分', { cs: 6 }), c('100'), c(f2(set.total)), c('')]);
  if (set.grade !== null) rows.push([c('自评结论', { cs: 6 }), c(set.grade, { cs: 3 })]);
  const blocks: Block[] = [
    para(`报表编号:51${r.int(1000, 9999)}_${p.year}_${r.int(100, 999)}`, { size: 8 }),
    titleP(`${yearText(r, p.year, kinds)}部门预算项目支出绩效自评表`),
    para(`填报单位：${p.unit}`, { size: 9 }),
    tbl(fitCols([1.7, 1.5, 1.6, 3.0, 1.8, 1.8, 1.0, 1.1, 2.5], 17), rows, { size: 8 }),
  ];
  void N;
  const truth = selfEvalTruth(p, { rate: set.rate, total: set.total, grade: set.grade, others: others(), fundsWeight: W }, 1, true);
  truth.department = p.department;
  // the project name is printed after a long project code: left unchecked (the contract has no rule for it)
  delete truth.project_name;
  (truth as unknown as Record<string, unknown>).budget_initial_wan = round(p.initial, 6);
  truth.budget_lines = lines.map(([n, a]) => ({ kind: 'funding_source' as const, name: n, amount_wan: round(a, 6) }));
  truth.indicators = expIndicators(p.indicators, { actual: true, weight: true, score: true });
  const f = single('sichuan', 'self_eval_table', `${p.name}部门预算项目支出绩效自评表`, false, blocks, [truth], injected, kinds, footerOf(r, kinds));
  f.expected.flags = flagsOf(injected, 1);
  return f;
}

// ------------------------------------------------------------------ Shanxi 财政支出项目绩效自评表 with 评分表

const SHANXI_ITEMS: [string, [string, number][]][] = [
  ['投入', [['立项规范性', 3], ['目标合理性', 4], ['指标明确性', 4], ['资金到位率', 3], ['到位及时率', 3], ['预算执行率', 3]]],
  ['过程', [['管理制度健全性', 5], ['制度执行有效性', 5], ['资金使用合规性', 5], ['财务监控有效性', 5]]],
  ['产出', [['实际完成率', 8], ['完成及时率', 7], ['质量达标率', 8], ['成本节约率', 7]]],
  ['效果', [['社会效益', 20], ['服务对象满意度', 10]]],
];

export function buildShanxi(r: Rand, codes: readonly Code[]): Filing {
  const kinds: string[] = ['scoring-table'];
  const p = makeProject(r, { counts: [r.int(2, 4), 1, 1], shortChance: 0 });
  const injected: string[] = [];
  const er = execRate(p);
  const items = SHANXI_ITEMS.flatMap(([sec, its]) => its.map(([item, w]) => ({ sec, item, w, s: item === '预算执行率' ? round(w * Math.min(er, 1), 2) : sec === '效果' && item === '社会效益' ? w - r.int(0, 2) : w })));
  if (has(codes, 'FUNDS_SCORE')) {
    const it = items.find((x) => x.item === '预算执行率')!;
    it.s = round(Math.max(0, it.s - r.num(0.8, 1.5, 2)), 2);
    injected.push('FUNDS_SCORE');
  }
  if (has(codes, 'SCORE_OVER_WEIGHT')) {
    const it = r.pick(items.filter((x) => x.sec === '过程'));
    const sum = items.reduce((a, x) => a + x.s, 0);
    if (sum <= 99) {
      it.s = it.w + 1;
      injected.push('SCORE_OVER_WEIGHT');
    }
  }
  let total = round(items.reduce((a, x) => a + x.s, 0), 2);
  if (has(codes, 'TOTAL_SCORE')) {
    total = round(total - r.num(1.5, 3.5, 2), 2);
    injected.push('TOTAL_SCORE');
  }
  let grade: string = gradeOf(total);
  if (has(codes, 'GRADE')) {
    grade = other(grade);
    injected.push('GRADE');
  }
  const city = round(p.budget * r.num(0.3, 0.7, 2), 2);
  let upper = round(p.budget - city, 2);
  if (has(codes, 'BUDGET_SUM')) {
    upper = round(upper + r.num(1, 5, 2), 2);
    injected.push('BUDGET_SUM');
  }
  const exCity = round(Math.min(city, p.executed), 2);
  const exUp = round(p.executed - exCity, 2);
  const rows1: Row[] = [
    [c('项目名称'), c(p.name, { cs: 5, al: 'l' })],
    [c('主管部门'), c(p.department, { cs: 2 }), c('项目实施单位'), c(p.unit, { cs: 2 })],
    [c('项目资金情况（万元）', { rs: 5 }), c(''), c('预算资金'), c('预算下达资金'), c('实际支出资金'), c('备注')],
    [c('合计'), c(f2(p.budget)), c(f2(p.budget)), c(f2(p.executed)), c('')],
    [c('市级资金'), c(f2(city)), c(f2(city)), c(f2(exCity)), c('')],
    [c('上级资金'), c(f2(upper)), c(f2(upper)), c(f2(exUp)), c('')],
    [c('其他资金'), c('0'), c('0'), c('0'), c('')],
    [c('项目绩效目标'), c(`完成${p.name}年度任务，提升服务水平。`, { cs: 5, al: 'l' })],
    [c('项目实施情况'), c(`${p.unit}按计划推进项目实施，年度任务基本完成。`, { cs: 5, al: 'l' })],
  ];
  const ir = indicatorRows(p.indicators, { cols: ['level2', 'name', 'target', 'actual', 'note'], headers: { level2: '二级指标', name: '三级指标', target: '目标值', actual: '实际完成指标值', note: '完成进度' } });
  const rows2: Row[] = [[c('绩效目标实现情况', { rs: ir.body.length + 1 }), ...ir.header], ...ir.body];
  const rows3: Row[] = [[c('一级指标'), c('二级指标', { cs: 2 }), c('分值'), c('得分'), c('备注')]];
  for (const [sec, its] of SHANXI_ITEMS) {
    const secW = its.reduce((a, [, w]) => a + w, 0);
    its.forEach(([item], k) => {
      const x = items.find((y) => y.sec === sec && y.item === item)!;
      const row: Row = [];
      if (k === 0) row.push(c(`${sec}（${secW}分）`, { rs: its.length }));
      row.push(c(item, { cs: 2, al: 'l' }), c(String(x.w)), c(Number.isInteger(x.s) ? String(x.s) : f2(x.s)), c(''));
      rows3.push(row);
    });
  }
  rows3.push([c('综合得分', { cs: 3 }), c('100'), c(f2(total)), c('')]);
  rows3.push([c('评价结果等次', { cs: 3 }), c(grade, { cs: 3 })]);
  const yt = yearText(r, p.year, kinds);
  const W6 = fitCols([2.6, 2.2, 3.2, 2.6, 2.6, 3.8], 17);
  const blocks: Block[] = [
    titleP(`${yt}财政支出项目绩效自评表`),
    para(`填报单位（盖章）：${p.unit}`, { size: 9 }),
    tbl(W6, rows1, { size: 9 }),
    tbl(W6, rows2, { size: 9 }),
    { kind: 'page', landscape: false },
    titleP('评分表', 13),
    tbl(fitCols([3, 3, 3, 2.5, 2.5, 3], 17), rows3, { size: 9 }),
  ];
  const truth: ExpProject = {
    project_seq: 1,
    fiscal_year: p.year,
    unit: p.unit,
    department: p.department,
    project_name: p.name,
    budget_wan: p.budget,
    executed_wan: p.executed,
    execution_rate_reported: null,
    execution_rate_recomputed: r4(er),
    score_reported: total,
    score_recomputed: r4(items.reduce((a, x) => a + (x.item === '预算执行率' ? x.w * Math.min(er, 1) : x.s), 0)),
    grade_reported: grade,
    grade_expected: gradeOf(total),
    indicators: expIndicators(p.indicators, { actual: true, weight: false, score: false, level1: false }).map(({ weight: _w, score_reported: _s, ...i }) => i),
    scores: items.map((x) => ({ section: x.sec, item: x.item, weight: x.w, score_reported: x.s })),
  };
  const f = single('shanxi', 'self_eval_table', `${p.name}绩效自评表`, false, blocks, [truth], injected, kinds, footerOf(r, kinds));
  f.expected.flags = flagsOf(injected, 1);
  return f;
}

// ------------------------------------------------------------------ 4-section scoring grid (项目决策 / 项目管理 / 产出 / 效益)

const GRID4: [string, [string, string, string, string, number][]][] = [
  ['项目决策', [['项目立项', '立项依据充分性', '充分', '充分', 4], ['绩效目标', '绩效目标合理性', '合理', '合理', 3], ['资金投入', '预算编制科学性', '科学', '科学', 3]]],
  ['项目管理', [['资金管理', '资金到位率', '100%', '100%', 5], ['资金管理', '预算执行率', '100%', '', 10], ['组织实施', '管理制度健全性', '健全', '健全', 5], ['组织实施', '制度执行有效性', '有效', '有效', 5]]],
];

export function buildGrid4(r: Rand, codes: readonly Code[]): Filing {
  const kinds: string[] = ['four-section-grid', 'landscape', 'score-in-header'];
  const p = makeProject(r, { sections: [30, 35, 0], counts: [r.int(3, 4), r.int(2, 3), 0] });
  // 效益 35 points hold the satisfaction indicator as well: relabel level1 to the grid's sections
  const injected: string[] = [];
  if (has(codes, 'TARGET_MISSED') && missTarget(r, p)) injected.push('TARGET_MISSED');
  const er = execRate(p);
  const fixed = GRID4.flatMap(([sec, rows]) =>
    rows.map(([l2, name, t, a, w]) => ({
      sec,
      l2,
      name,
      t,
      a: name === '预算执行率' ? `${(er * 100).toFixed(2)}%` : a,
      w,
      s: name === '预算执行率' ? round(w * Math.min(er, 1), 2) : w,
      // a clean filing explains a shortfall of its execution rate
      note: name === '预算执行率' && er < 0.99995 ? '部分项目尚未完成结算支付' : '',
    })),
  );
  const execRow = fixed.find((x) => x.name === '预算执行率')!;
  if (has(codes, 'FUNDS_SCORE')) {
    // v2 precision: a whole-number score that does not round from weight × rate
    execRow.s = round(Math.max(0, Math.floor(execRow.s) - 1), 2);
    injected.push('FUNDS_SCORE');
  }
  const inds = p.indicators.map((i) => ({ ...i, level1: i.level1 === '产出指标' ? '产出' : '效益' }));
  if (has(codes, 'SCORE_OVER_WEIGHT')) {
    const sum = fixed.reduce((a, x) => a + x.s, 0) + inds.reduce((a, i) => a + i.score, 0);
    const cand = inds.filter((i) => i.score === i.weight);
    if (cand.length && sum <= 98.5) {
      r.pick(cand).score += 1;
      injected.push('SCORE_OVER_WEIGHT');
    }
  }
  let total = round(fixed.reduce((a, x) => a + x.s, 0) + inds.reduce((a, i) => a + i.score, 0), 2);
  if (has(codes, 'TOTAL_SCORE')) {
    total = round(total > 95 ? total - r.num(1.5, 3, 2) : total + r.num(1.5, 3, 2), 2);
    injected.push('TOTAL_SCORE');
  }
  const rows: Row[] = [];
  rows.push([c('项目名称'), c(p.name, { cs: 3, al: 'l' }), c('主管部门'), c(p.department, { cs: 2 }), c('实施单位'), c(p.unit)]);
  rows.push([c('预算数（万元）'), c(f2(p.budget), { cs: 3 }), c('执行数（万元）'), c(f2(p.executed), { cs: 2 }), c('自评得分'), c(f2(total))]);
  rows.push([c('一级指标'), c('二级指标'), c('三级指标'), c('指标值'), c('实际完成值'), c('分值'), c('得分'), c('偏差原因'), c('备注')]);
  const all = [
    ...fixed.map((x) => ({ level1: x.sec, level2: x.l2, name: x.name, target: x.t, actual: x.a, weight: x.w, score: x.s, note: x.note })),
    ...inds.map((i) => ({ level1: i.level1, level2: i.level2, name: i.name, target: i.target, actual: i.actual, weight: i.weight, score: i.score, note: i.note })),
  ];
  const secW = new Map<string, number>();
  for (const x of all) secW.set(x.level1, (secW.get(x.level1) ?? 0) + x.weight);
  all.forEach((x, n) => {
    const row: Row = [];
    if (n === 0 || all[n - 1].level1 !== x.level1) {
      let k = 1;
      while (n + k < all.length && all[n + k].level1 === x.level1) k++;
      row.push(c(`${x.level1}（${secW.get(x.level1)}分）`, { rs: k }));
    }
    row.push(c(x.level2), c(x.name, { al: 'l' }), c(x.target), c(x.actual), c(String(x.weight)), c(Number.isInteger(x.score) ? String(x.score) : f2(x.score)), c(x.note, { al: 'l' }), c(''));
    rows.push(row);
  });
  rows.push([c('合计', { cs: 5 }), c('100'), c(f2(total)), c(''), c('')]);
  const t = tbl(fitCols([2.6, 2.4, 4.2, 2.4, 2.4, 1.4, 1.4, 4.5, 2], 26.7), rows, { size: 9 });
  const at = 3 + fixed.length + 1;
  const [a, b] = splitTable(t, at, [rows[2]]);
  const blocks: Block[] = [titleP(`${yearText(r, p.year, kinds)}项目支出绩效自评表`), a, { kind: 'page', landscape: true }, b];
  kinds.push('rows-split-across-pages', 'repeated-header-rows');
  const truth: ExpProject = {
    project_seq: 1,
    fiscal_year: p.year,
    unit: p.unit,
    department: p.department,
    project_name: p.name,
    budget_wan: p.budget,
    executed_wan: p.executed,
    execution_rate_recomputed: r4(er),
    score_reported: total,
    score_recomputed: r4(all.reduce((a2, x) => a2 + (x.name === '预算执行率' ? x.weight * Math.min(er, 1) : x.score), 0)),
    grade_reported: null,
    grade_expected: gradeOf(total),
    indicators: all.map((x) => ({ level1: x.level1, level2: x.level2, name: x.name, target: x.target, actual: x.actual === '' ? null : x.actual, weight: x.weight, score_reported: x.score })),
  };
  const f = single('grid4', 'self_eval_table', `${p.name}绩效自评表`, true, blocks, [truth], injected, kinds, footerOf(r, kinds));
  f.expected.flags = flagsOf(injected, 1);
  return f;
}

// ------------------------------------------------------------------ 部门整体支出绩效自评表

export function buildDepartment(r: Rand, codes: readonly Code[]): Filing {
  const kinds: string[] = ['whole-department'];
  const p = makeProject(r, { sections: [50, 30, 10] });
  const injected: string[] = [];
  const W = 10;
  if (has(codes, 'TARGET_MISSED') && missTarget(r, p)) injected.push('TARGET_MISSED');
  if (has(codes, 'SCORE_OVER_WEIGHT')) {
    const cand = p.indicators.filter((i) => i.score === i.weight);
    const sum = p.indicators.reduce((a, i) => a + i.score, 0) + fundsScore(W, p);
    if (cand.length && sum <= 98.5) {
      r.pick(cand).score += 1;
      injected.push('SCORE_OVER_WEIGHT');
    }
  }
  const set = { funds: fundsScore(W, p), total: 0, grade: '' as string | null, rate: rate(execRate(p), 'pct2').value as number | null };
  const others = () => round(p.indicators.reduce((a, i) => a + i.score, 0), 2);
  injected.push(...injectScores(r, codes, p, W, others, set));
  const basic = round(p.budget * r.num(0.5, 0.8, 2), 2);
  const proj = round(p.budget - basic, 2);
  const exB = round(Math.min(basic, p.executed), 2);
  const exP = round(p.executed - exB, 2);
  const rows: Row[] = [];
  rows.push([c('部门（单位）名称'), c(p.department, { cs: 8, al: 'l' })]);
  rows.push([c('预算资金（万元）', { rs: 4 }), c('', { cs: 2 }), c('年初预算数'), c('全年预算数'), c('全年执行数'), c('分值'), c('执行率'), c('得分')]);
  rows.push([c('年度资金总额', { cs: 2 }), c(f2(p.initial)), c(f2(p.budget)), c(f2(p.executed)), c(String(W)), c(`${(set.rate! * 100).toFixed(2)}%`), c(f2(set.funds))]);
  rows.push([c('其中：基本支出', { cs: 2 }), c('—'), c(f2(basic)), c(f2(exB)), c('—'), c('—'), c('—')]);
  rows.push([c('项目支出', { cs: 2 }), c('—'), c(f2(proj)), c(f2(exP)), c('—'), c('—'), c('—')]);
  rows.push([c('年度总体目标', { rs: 2 }), c('预期目标', { cs: 4 }), c('实际完成情况', { cs: 4 })]);
  rows.push([c(`${p.department}全面履行部门职责，完成年度重点工作。`, { cs: 4, al: 'l' }), c('年度重点工作全面完成。', { cs: 4, al: 'l' })]);
  const cols: ColKey[] = ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'note'];
  const ir = indicatorRows(p.indicators, { cols, headers: { level1: '一级指标', level2: '二级指标', name: '三级指标', target: '年度指标值', actual: '实际完成值', weight: '分值', score: '得分', note: '偏差原因分析及改进措施' }, scoreFix: true });
  rows.push([c('年度绩效指标', { rs: ir.body.length + 1 }), ...ir.header]);
  for (const b of ir.body) rows.push(b);
  rows.push([c('总分', { cs: 6 }), c('100'), c(f2(set.total)), c('')]);
  rows.push([c('自评等级', { cs: 6 }), c(set.grade!, { cs: 3 })]);
  const blocks: Block[] = [titleP(`${yearText(r, p.year, kinds)}部门整体支出绩效自评表`), tbl(fitCols([1.8, 1.5, 1.6, 3.0, 1.8, 1.8, 1.0, 1.1, 2.5], 17), rows, { size: 8.5 })];
  const truth = selfEvalTruth(p, { rate: set.rate, total: set.total, grade: set.grade, others: others(), fundsWeight: W }, 1, null);
  truth.unit = p.department;
  delete truth.project_name;
  (truth as unknown as Record<string, unknown>).budget_initial_wan = p.initial;
  truth.indicators = expIndicators(p.indicators, { actual: true, weight: true, score: true });
  const f = single('department', 'self_eval_table', `${p.department}部门整体支出绩效自评表`, false, blocks, [truth], injected, kinds, footerOf(r, kinds));
  f.expected.flags = flagsOf(injected, 1);
  return f;
}

// ------------------------------------------------------------------ 绩效自评报告 (several projects, attachments)

export function buildReport(r: Rand, codes: readonly Code[]): Filing {
  const kinds: string[] = ['report', 'attachments'];
  const n = r.int(2, 3);
  const hubei = r.chance(0.5);
  kinds.push(hubei ? 'hubei-attachments' : 'national-attachments');
  const first = makeProject(r, hubei ? { sections: [40, 15, 5], counts: [r.int(2, 3), 1, 1] } : { counts: [r.int(2, 4), r.int(1, 2), 1] });
  const ps: Proj[] = [first];
  for (let k = 1; k < n; k++) {
    const q = makeProject(r, hubei ? { sections: [40, 15, 5], counts: [r.int(2, 3), 1, 1] } : { counts: [r.int(2, 4), r.int(1, 2), 1] });
    q.year = first.year;
    q.department = first.department;
    q.unit = first.unit;
    q.county = first.county;
    q.otherUnit = first.otherUnit;
    while (ps.some((x) => x.name === q.name)) q.name = `${q.name}（二期）`;
    ps.push(q);
  }
  const hit = r.int(1, n);
  const forms: FormOut[] = [];
  const tableCodes: Code[] = ['TOTAL_SCORE', 'GRADE', 'EXEC_RATE', 'TARGET_MISSED'];
  ps.forEach((p, k) => {
    const cc = k + 1 === hit ? codes.filter((x) => tableCodes.includes(x)) : [];
    const sub: string[] = [];
    forms.push(hubei ? hubeiForm(r, p, cc, sub, k + 1, false) : nationalForm(r, p, cc, sub, k + 1, 'wan2', false));
  });
  const injected: string[] = forms.flatMap((f) => f.injected);
  const flags: ExpFlag[] = forms.flatMap((f, k) => flagsOf(f.injected, k + 1));
  const blocks: Block[] = [];
  const y = first.year;
  blocks.push(titleP(`${first.unit}${y}年度项目支出绩效自评报告`, 15));
  blocks.push(para('一、基本情况', { b: true }));
  blocks.push(para(`${first.unit}是${first.department}所属单位，${y}年度共实施项目${n}个，现将绩效自评情况报告如下。`, { indent: true }));
  // summary table
  const sum = ps.reduce((a, p) => a + p.budget, 0);
  let sumPrinted = round(sum, 2);
  if (has(codes, 'BUDGET_SUM')) {
    sumPrinted = round(sum + r.num(2, 9, 2), 2);
    injected.push('BUDGET_SUM');
    flags.push({ code: 'BUDGET_SUM', project_seq: null });
  }
  const crossSeq = has(codes, 'CROSS_REF') ? hit : 0;
  const srows: Row[] = [[c('序号'), c('项目名称'), c('预算数（万元）'), c('全年执行数（万元）'), c('得分'), c('自评等级')]];
  forms.forEach((f, k) => {
    const t = f.truth;
    let score = t.score_reported!;
    if (k + 1 === crossSeq) {
      // off by 2–5 points without leaving the attachment's grade band
      const d = r.int(2, 5);
      score = gradeOf(score - d) === gradeOf(score) ? round(score - d, 2) : gradeOf(Math.min(score + d, 100)) === gradeOf(score) && score + d <= 100 ? round(score + d, 2) : round(score - 0.5, 2);
    }
    srows.push([c(String(k + 1)), c(ps[k].name, { al: 'l' }), c(f2(ps[k].budget)), c(f2(ps[k].executed)), c(f2(score)), c(t.grade_reported ?? gradeOf(score))]);
  });
  srows.push([c('合计', { cs: 2 }), c(f2(sumPrinted)), c(f2(ps.reduce((a, p) => a + p.executed, 0))), c(''), c('')]);
  if (crossSeq) {
    injected.push('CROSS_REF');
    flags.push({ code: 'CROSS_REF', project_seq: crossSeq });
    // the summary grade follows the summary score: when it crosses a grade line that is a second CROSS_REF at most; keep it the attachment's
    const row = srows[crossSeq];
    row[5] = c(forms[crossSeq - 1].truth.grade_reported ?? '');
  }
  blocks.push(para('二、项目绩效自评结果汇总', { b: true }));
  blocks.push(tbl(fitCols([1, 5, 2.5, 2.5, 1.6, 1.8], 17), srows, { size: 9 }));
  ps.forEach((p, k) => {
    const t = forms[k].truth;
    const entity = has(codes, 'ENTITY') && k + 1 === hit;
    blocks.push(para(`（${CN_DIGITS[k + 1]}）${p.name}`, { b: true }));
    blocks.push(
      para(
        `该项目年初预算${f2(p.budget)}万元，实际使用金额为${f2(p.executed)}万元，资金使用率为${(execRate(p) * 100).toFixed(1)}%。` +
          `${entity ? p.otherUnit : p.unit}严格按照项目管理办法组织实施，项目自评得分为${f2(t.score_reported!)}分，自评等级为${t.grade_reported ?? gradeOf(t.score_reported!)}。`,
        { indent: true },
      ),
    );
    if (entity) {
      injected.push('ENTITY');
      flags.push({ code: 'ENTITY', project_seq: k + 1 });
    }
  });
  blocks.push(para('三、存在的问题及改进措施', { b: true }));
  blocks.push(para('部分项目资金支付进度偏慢，下一步将加强预算执行管理，提高资金使用效益。', { indent: true }));
  forms.forEach((f, k) => {
    blocks.push({ kind: 'page', landscape: false });
    blocks.push(para(`附件${k + 1}`, { b: true }));
    blocks.push(titleP(`${y}年度项目支出绩效自评表`, 13));
    blocks.push(...f.blocks);
  });
  const truth = forms.map((f, k) => {
    const t = { ...f.truth };
    t.unit = ps[k].unit;
    // the report's own text prints every project's grade (its paragraph says 自评等级为…), even when the
    // attachment leaves the grade box out: that printed grade is the one reported
    t.grade_reported = t.grade_reported ?? gradeOf(t.score_reported!);
    return t;
  });
  const doc: Doc = { landscape: false, blocks, title: `${first.unit}${y}年度项目支出绩效自评报告`, footer: r.pick(['dash', 'of', null] as const) };
  if (doc.footer) kinds.push('page-marks');
  // forms drawn landscape inside a portrait report are printed portrait
  for (const b of blocks) if (b.kind === 'page') b.landscape = false;
  for (const b of blocks) if (b.kind === 'table' && b.cols.reduce((a, x) => a + x, 0) > 17.5) b.cols = fitCols(b.cols, 17);
  return { doc, expected: { doc_id: '', doc_type: 'self_eval_report', projects: truth, flags }, family: 'report', kinds, injected };
}

/** What a builder may know of how its filing will be printed. */
export interface BuildHints {
  producer?: Producer;
}

export const BUILDERS: Record<Family, (r: Rand, codes: readonly Code[], hints?: BuildHints) => Filing> = {
  declaration: buildDeclaration,
  national: (r, codes) => (r.chance(0.2) ? buildMulti(r, codes) : buildNational(r, codes)),
  hubei: buildHubei,
  shanxi: buildShanxi,
  sichuan: buildSichuan,
  grid4: buildGrid4,
  department: buildDepartment,
  report: buildReport,
};

export { GRADES };
