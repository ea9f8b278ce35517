/**
 * A declaration laid out the way some Guangdong districts print it: 预算单位 for the unit,
 * money in 元, the funding sources as columns (labels above, amounts below), expense lines
 * with the amount before the name, and targets in split columns 指标性质 / 指标值 / 度量单位.
 */
import { c, p, table, title, type OdfDoc, type Row } from '../fodt.js';

export interface GdIndicator {
  level1: string;
  level2: string;
  name: string;
  op: string;
  value: string;
  unit: string;
  note: string;
}

export interface GdDeclaration {
  year: number;
  sealUnit: string;
  projectName: string;
  category: string;
  budgetUnit: string;
  department: string;
  leader: string;
  phone: string;
  period: string;
  /** [label, amount in 元 as printed] — the first is the total (年度资金总额) */
  funds: [string, string][];
  /** [amount in 元, content, basis] */
  expenses: [string, string, string][];
  expenseTotal: string;
  goal: string;
  indicators: GdIndicator[];
  footer: string;
}

export function renderGdDeclaration(d: GdDeclaration): OdfDoc {
  const W = [2.4, 1.9, 2.1, 2.6, 2.2, 1.6, 2.0, 2.2];
  const rows: Row[] = [];
  rows.push([c('项目名称'), c(d.projectName, { cs: 4, al: 'l' }), c('项目类别'), c(d.category, { cs: 2 })]);
  rows.push([c('预算单位'), c(d.budgetUnit, { cs: 4, al: 'l' }), c('主管部门'), c(d.department, { cs: 2 })]);
  rows.push([c('项目负责人'), c(d.leader), c('联系电话'), c(d.phone), c('项目实施期限'), c(d.period, { cs: 3 })]);
  // funding: labels as column heads, amounts in the row below
  const spans = [2, 2, 3];
  rows.push([
    c('资金情况（元）', { rs: 2 }),
    ...d.funds.map(([label], i) => c(label, { cs: spans[i] ?? 1 })),
  ]);
  rows.push(d.funds.map(([, amt], i) => c(amt, { cs: spans[i] ?? 1 })));
  rows.push([
    c('项目支出明细', { rs: d.expenses.length + 2 }),
    c('序号'),
    c('金额（元）', { cs: 2 }),
    c('支出内容', { cs: 2 }),
    c('测算依据', { cs: 2 }),
  ]);
  d.expenses.forEach(([amt, content, basis], i) =>
    rows.push([c(String(i + 1)), c(amt, { cs: 2, al: 'r' }), c(content, { cs: 2, al: 'l' }), c(basis, { cs: 2, al: 'l' })]),
  );
  rows.push([c('合计'), c(d.expenseTotal, { cs: 2, al: 'r' }), c('', { cs: 4 })]);
  rows.push([c('年度绩效目标'), c(d.goal, { cs: 7, al: 'l' })]);
  rows.push([
    c('年度绩效指标', { rs: d.indicators.length + 1 }),
    c('一级指标'),
    c('二级指标'),
    c('三级指标', { cs: 2 }),
    c('指标性质'),
    c('指标值'),
    c('度量单位'),
  ]);
  const inds = d.indicators;
  for (let i = 0; i < inds.length; i++) {
    const x = inds[i];
    const r: Row = [];
    const run = (key: 'level1' | 'level2'): number => {
      let n = 1;
      while (i + n < inds.length && inds[i + n][key] === x[key] && inds[i + n].level1 === x.level1) n++;
      return n;
    };
    if (i === 0 || inds[i - 1].level1 !== x.level1) r.push(c(x.level1, { rs: run('level1') }));
    if (i === 0 || inds[i - 1].level2 !== x.level2 || inds[i - 1].level1 !== x.level1) r.push(c(x.level2, { rs: run('level2') }));
    r.push(c(x.name, { cs: 2, al: 'l' }), c(x.op), c(x.value), c(x.unit));
    rows.push(r);
  }
  return {
    landscape: false,
    size: 10,
    blocks: [
      title(`${d.year}年度项目支出绩效目标申报表`, 15),
      p(`申报单位（盖章）：${d.sealUnit}                                                资金单位：元`),
      table(W, rows, { size: 9 }),
      p(d.footer),
    ],
  };
}
