/** National variant (Ministry of Finance template) of 项目支出绩效自评表, as a 9-column grid. */
import { c, table, type Row, type TableBlock } from '../fodt.js';
import { fix, round } from '../types.js';

export interface NatIndicator {
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: string;
  weight: number;
  score: number;
  reason: string;
}

export interface NatFundRow {
  label: string;
  initial: string;
  budget: string;
  executed: string;
  weight: string;
  rate: string;
  score: string;
}

export interface NationalSelfEval {
  projectName: string;
  department: string;
  unit: string;
  funds: NatFundRow[];
  goalPlanned: string;
  goalDone: string;
  indicators: NatIndicator[];
  /** the printed 自评得分; by default the sum of the fund score and the indicator scores */
  totalPrinted?: string;
  grade?: string;
}

/** Sum of the printed item scores (fund score + indicator scores), 2 decimals. */
export function natItemSum(t: NationalSelfEval): number {
  const fund = Number(t.funds[0].score);
  return round(fund + t.indicators.reduce((a, i) => a + i.score, 0), 2);
}

const BASE = [1.8, 1.5, 1.7, 3.4, 1.7, 1.7, 1.0, 1.6, 2.6];
const LANDSCAPE = [2.4, 1.9, 2.3, 5.2, 2.2, 2.2, 1.3, 1.8, 7.4];

/** `width` in cm (17 portrait, up to 26.7 landscape). */
export function nationalSelfEvalTable(t: NationalSelfEval, width = 17, headerRows = 0): TableBlock {
  const base = width > 20 ? LANDSCAPE : BASE;
  const k = width / base.reduce((a, b) => a + b, 0);
  const W = base.map((w) => round(w * k, 2));
  const rows: Row[] = [];
  rows.push([c('项目名称'), c(t.projectName, { cs: 8, al: 'l' })]);
  rows.push([c('主管部门'), c(t.department, { cs: 3 }), c('实施单位', { cs: 1 }), c(t.unit, { cs: 4 })]);
  rows.push([
    c('项目资金（万元）', { rs: t.funds.length + 1 }),
    c('', { cs: 2 }),
    c('年初预算数'),
    c('全年预算数'),
    c('全年执行数'),
    c('分值'),
    c('执行率'),
    c('得分'),
  ]);
  for (const f of t.funds)
    rows.push([c(f.label, { cs: 2, al: 'l' }), c(f.initial), c(f.budget), c(f.executed), c(f.weight), c(f.rate), c(f.score)]);
  rows.push([c('年度总体目标', { rs: 2 }), c('预期目标', { cs: 4 }), c('实际完成情况', { cs: 4 })]);
  rows.push([c(t.goalPlanned, { cs: 4, al: 'l' }), c(t.goalDone, { cs: 4, al: 'l' })]);
  rows.push([
    c('绩效指标', { rs: t.indicators.length + 1 }),
    c('一级指标'),
    c('二级指标'),
    c('三级指标'),
    c('年度指标值'),
    c('实际完成值'),
    c('分值'),
    c('得分'),
    c('偏差原因分析及改进措施'),
  ]);
  const inds = t.indicators;
  for (let i = 0; i < inds.length; i++) {
    const x = inds[i];
    const r: Row = [];
    const run = (key: 'level1' | 'level2'): number => {
      let n = 1;
      while (i + n < inds.length && inds[i + n][key] === x[key] && (key === 'level1' || inds[i + n].level1 === x.level1)) n++;
      return n;
    };
    if (i === 0 || inds[i - 1].level1 !== x.level1) r.push(c(x.level1, { rs: run('level1') }));
    if (i === 0 || inds[i - 1].level2 !== x.level2 || inds[i - 1].level1 !== x.level1) r.push(c(x.level2, { rs: run('level2') }));
    r.push(c(x.name, { al: 'l' }), c(x.target), c(x.actual), c(String(x.weight)), c(fix(x.score)), c(x.reason, { al: 'l' }));
    rows.push(r);
  }
  const total = t.totalPrinted ?? fix(natItemSum(t));
  rows.push([c('总分', { cs: 6 }), c('100'), c(total), c('')]);
  if (t.grade !== undefined) rows.push([c('自评等级', { cs: 6 }), c(t.grade, { cs: 3 })]);
  return table(W, rows, { size: 9, headerRows });
}
