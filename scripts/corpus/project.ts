/**
 * One generated project: its true figures (budget, execution, indicators with weights and scores)
 * drawn consistently from a seed, the way a careful filer would print them (scores by the rules of
 * ../shared/FORMS.md: funds score = weight × min(B/A, 1); a met quantitative target earns the
 * weight, a shortfall actual/target × weight), and helpers to format money, rates and values.
 */
import { gradeOf, round } from '../samples/types.js';
import { AGENCIES, INDICATORS, PLACES, REASONS, type IndicatorDef } from './data.js';
import type { Rand } from './rand.js';

export interface Ind {
  level1: string;
  level2: string;
  name: string;
  /** printed target (`≥200人次`), and its parts for split columns */
  target: string;
  op: string;
  value: string;
  unit: string;
  actual: string;
  weight: number;
  score: number;
  note: string;
  quant: boolean;
  /** actual short of a quantitative target */
  short: boolean;
}

export interface Proj {
  year: number;
  province: string;
  city: string;
  county: string;
  department: string;
  deptCode: string;
  unit: string;
  name: string;
  /** 万元 */
  budget: number;
  initial: number;
  executed: number;
  /** [name, 全年预算数] funding rows; sum = budget */
  sources: [string, number][];
  indicators: Ind[];
  otherUnit: string;
}

export const GRADES = ['优', '良', '中', '差'] as const;
export { gradeOf, round };

/** 2 decimals, as a string (`12.30`) */
export const f2 = (x: number): string => round(x, 2).toFixed(2);

/** Money in 万元 as printed: `wan2` 2 decimals, `wan4` 4 decimals, `yuan` 元 with thousands separators, `yuan-plain` 元 without */
export type MoneyStyle = 'wan2' | 'wan4' | 'yuan' | 'yuan-plain';

export function money(wan: number, style: MoneyStyle): string {
  if (style === 'wan2') return f2(wan);
  if (style === 'wan4') return round(wan, 4).toFixed(4);
  const yuan = round(wan * 10000, 2);
  const s = yuan.toFixed(2);
  if (style === 'yuan-plain') return s;
  const [i, d] = s.split('.');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d}`;
}

/** Rate styles: `pct2` 96.47%, `pct1` 96.5%, `bare` 96.47 (header says %), `frac` 0.9647 */
export type RateStyle = 'pct2' | 'pct1' | 'bare' | 'frac';

/** The printed rate and the fraction it reads as. */
export function rate(r: number, style: RateStyle): { text: string; value: number } {
  if (style === 'pct1') return { text: `${(round(r * 100, 1)).toFixed(1)}%`, value: round(r, 3) };
  if (style === 'bare') return { text: (round(r * 100, 2)).toFixed(2), value: round(r, 4) };
  if (style === 'frac') return { text: round(r, 4).toFixed(4), value: round(r, 4) };
  return { text: `${(round(r * 100, 2)).toFixed(2)}%`, value: round(r, 4) };
}

/** An amount in 万元 drawn so that it is exact in 元 (whole yuan, or .5) and has ≤ 2 decimals in 万元 when `wan` */
export function amount(r: Rand, lo: number, hi: number, yuan: boolean): number {
  if (!yuan) return r.num(lo, hi, 2);
  const y = r.int(lo * 10000, hi * 10000) + (r.chance(0.3) ? 0.5 : 0);
  return y / 10000;
}

function makeInd(r: Rand, d: IndicatorDef, weight: number, short: boolean, budget: number): Ind {
  if (d.dir === 'qual') {
    return { level1: d.level1, level2: d.level2, name: d.name, target: d.words![0], op: '', value: d.words![0], unit: '', actual: d.words![1], weight, score: weight, note: '', quant: false, short: false };
  }
  let [lo, hi] = d.range!;
  if (d.unit === '万元' && d.dir === 'down') [lo, hi] = [Math.max(1, Math.round(budget * 0.8)), Math.max(2, Math.round(budget))];
  const tv = r.int(lo, hi);
  const op = d.dir === 'up' ? (tv >= 100 && d.unit === '%' ? '=' : '≥') : d.dir === 'down' ? '≤' : '=';
  const pct = d.unit === '%';
  let av: number;
  let isShort = false;
  if (short && !(op === '=' && pct && tv === 100 && d.dir === 'eq' && false)) {
    // short by 3–15 %
    const k = r.num(0.85, 0.97, 2);
    av = d.dir === 'down' ? round(tv / k, pct ? 1 : 0) : round(tv * k, pct ? 1 : 0);
    isShort = d.dir === 'down' ? av > tv : av < tv;
  } else {
    av = d.dir === 'down' ? round(tv * r.num(0.8, 1, 2), pct ? 1 : 0) : d.dir === 'eq' || op === '=' ? tv : Math.min(pct ? 100 : 1e9, round(tv * r.num(1, 1.2, 2), pct ? 1 : 0));
    if (d.dir === 'down' && av > tv) av = tv;
  }
  const score = isShort ? round(d.dir === 'down' ? (tv / av) * weight : (av / tv) * weight, 2) : weight;
  const useOp = op === '=' && r.chance(0.5) ? '' : op;
  return {
    level1: d.level1,
    level2: d.level2,
    name: d.name,
    target: `${useOp}${tv}${d.unit}`,
    op: useOp,
    value: String(tv),
    unit: d.unit,
    actual: `${av}${d.unit}`,
    weight,
    score,
    note: isShort ? r.pick(REASONS) : '',
    quant: true,
    short: isShort,
  };
}

/** Splits `total` points over `n` items as whole numbers. */
export function splitWeights(r: Rand, total: number, n: number): number[] {
  const base = Math.floor(total / n);
  const w = Array(n).fill(base);
  let rest = total - base * n;
  let i = r.int(0, n - 1);
  while (rest-- > 0) w[i++ % n]++;
  return w;
}

export interface ProjOptions {
  yuan?: boolean;
  /** points per level1 (产出, 效益, 满意度) */
  sections?: [number, number, number];
  /** number of indicators per level1 */
  counts?: [number, number, number];
  /** chance that a quantitative indicator falls short (with a reason) */
  shortChance?: number;
  rateLo?: number;
}

/** A project with consistent figures. */
export function makeProject(r: Rand, o: ProjOptions = {}): Proj {
  const [province, city, county] = r.pick(PLACES);
  const ag = r.pick(AGENCIES);
  let other = r.pick(PLACES);
  while (other[2] === county) other = r.pick(PLACES);
  const otherAg = r.pick(AGENCIES);
  const year = r.int(2019, 2025);
  const yuan = o.yuan ?? false;
  const budget = amount(r, 8, 600, yuan);
  const rateLo = o.rateLo ?? 0.86;
  let executed = yuan ? Math.round(budget * r.num(rateLo, 1, 4) * 10000) / 10000 : round(budget * r.num(rateLo, 1, 4), 2);
  if (r.chance(0.15)) executed = budget;
  const initial = r.chance(0.6) ? budget : yuan ? Math.round(budget * r.num(0.8, 1, 3) * 10000) / 10000 : round(budget * r.num(0.8, 1, 3), 2);
  const sources: [string, number][] = [];
  const fiscal = r.chance(0.5) ? budget : yuan ? Math.round(budget * r.num(0.5, 0.9, 2) * 10000) / 10000 : round(budget * r.num(0.5, 0.9, 2), 2);
  sources.push(['当年财政拨款', fiscal]);
  if (fiscal < budget) sources.push([r.pick(['上年结转资金', '其他资金']), round(budget - fiscal, 6)]);
  const [s1, s2, s3] = o.sections ?? [50, 30, 10];
  const [n1, n2, n3] = o.counts ?? [r.int(3, 5), r.int(1, 3), 1];
  const pickDefs = (l1: string, n: number): IndicatorDef[] => {
    const pool = INDICATORS.filter((d) => d.level1 === l1);
    return r.some(pool, Math.min(n, pool.length)).sort((a, b) => INDICATORS.indexOf(a) - INDICATORS.indexOf(b));
  };
  const inds: Ind[] = [];
  const sc = o.shortChance ?? 0.15;
  for (const [l1, n, pts] of [
    ['产出指标', n1, s1],
    ['效益指标', n2, s2],
    ['满意度指标', n3, s3],
  ] as [string, number, number][]) {
    if (n === 0 || pts === 0) continue;
    const defs = pickDefs(l1, n);
    const ws = splitWeights(r, pts, defs.length);
    defs.forEach((d, i) => inds.push(makeInd(r, d, ws[i], r.chance(sc), budget)));
  }
  const name = r.pick(ag[2]);
  return {
    year,
    province,
    city,
    county,
    department: `${county}${ag[0]}`,
    deptCode: String(r.int(100, 999)),
    unit: r.chance(0.5) ? `${county}${ag[0]}` : `${county}${ag[1]}`,
    name: `${county === '' ? '' : ''}${name}`,
    budget,
    initial,
    executed,
    sources,
    indicators: inds,
    otherUnit: `${other[2]}${otherAg[0]}`,
  };
}

/** Makes one quantitative indicator fall short with no reason given (TARGET_MISSED). Returns false if none can. */
export function missTarget(r: Rand, p: Proj): boolean {
  const cands = p.indicators.filter((i) => i.quant && !i.short && i.op !== '≤' && Number(i.value) > 0);
  if (!cands.length) return false;
  const i = r.pick(cands);
  const tv = Number(i.value);
  const pct = i.unit === '%';
  const av = round(tv * r.num(0.8, 0.93, 2), pct ? 1 : 0);
  if (!(av < tv)) return false;
  i.actual = `${av}${i.unit}`;
  i.score = round((av / tv) * i.weight, 2);
  i.short = true;
  i.note = '';
  return true;
}

export const execRate = (p: Proj): number => (p.budget > 0 ? p.executed / p.budget : 0);
export const fundsScore = (w: number, p: Proj): number => round(w * Math.min(execRate(p), 1), 2);
export const r4 = (x: number): number => round(x, 4);
export const gradeFor = gradeOf;
