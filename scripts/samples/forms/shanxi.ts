/** Shanxi variant of 财政支出项目绩效自评表 (landscape, one 10-column grid). */
import { c, p, table, title, type OdfDoc, type Row } from '../fodt.js';

export interface ShanxiIndicatorGroup {
  level1: string;
  groups: { level2: string; rows: [name: string, target: string, actual: string, progress: string][] }[];
}

export interface ShanxiScoreSection {
  section: string; // 投入：
  weight: string;
  score: string;
  groups: { level2: string; items: [name: string, weight: string, score: string][] }[];
}

export interface ShanxiForm {
  place: string;
  year: number;
  unitSeal: string;
  projectName: string;
  department: string;
  departmentCode: string;
  unit: string;
  attribute: string;
  period: string;
  /** rows 预算资金 / 预算下达资金 / 实际支出资金: 合计, 市级, 上级, 上年结转, 其他 */
  funds: [label: string, total: string, city: string, upper: string, carried: string, other: string][];
  overview: string;
  fundUse: string;
  implementation: string;
  indicators: ShanxiIndicatorGroup[];
  performance: string;
  other: string;
  scores: ShanxiScoreSection[];
  total: [weight: string, score: string];
  grade: string;
  evaluators: [name: string, title: string, office: string, phone: string][];
  footer: string[];
}

const W = [2.6, 2.4, 2.6, 3.6, 2.7, 2.7, 2.5, 2.5, 2.5, 2.6];

export function renderShanxi(f: ShanxiForm): OdfDoc {
  const rows: Row[] = [];
  rows.push([c('项目名称'), c(f.projectName, { cs: 9, al: 'l' })]);
  rows.push([c('主管部门及代码'), c(f.department, { cs: 3 }), c(f.departmentCode), c('实施单位'), c(f.unit, { cs: 4 })]);
  rows.push([c('项目属性'), c(f.attribute, { cs: 4 }), c('项目期'), c(f.period, { cs: 4 })]);
  rows.push([
    c('项目资金情况（万元）', { rs: 1 + f.funds.length }),
    c('', { cs: 2 }),
    c('合计'),
    c('市级财政资金', { cs: 2 }),
    c('上级财政资金', { cs: 2 }),
    c('上年结转资金'),
    c('其他资金'),
  ]);
  for (const [label, total, city, upper, carried, other] of f.funds)
    rows.push([c(label, { cs: 2 }), c(total), c(city, { cs: 2 }), c(upper, { cs: 2 }), c(carried), c(other)]);
  rows.push([c('项目概况'), c(f.overview, { cs: 9, al: 'l' })]);
  rows.push([c('项目资金使用情况'), c(f.fundUse, { cs: 9, al: 'l' })]);
  rows.push([c('项目组织实施情况'), c(f.implementation, { cs: 9, al: 'l' })]);

  const nInd = f.indicators.reduce((a, g) => a + g.groups.reduce((b, x) => b + x.rows.length, 0), 0);
  rows.push([
    c('绩效目标实现情况', { rs: nInd + 1 }),
    c('绩效指标（一级）'),
    c('绩效指标（二级）'),
    c('绩效指标（三级）', { cs: 2 }),
    c('目标值', { cs: 2 }),
    c('实际完成指标值', { cs: 2 }),
    c('完成进度'),
  ]);
  for (const g1 of f.indicators) {
    const n1 = g1.groups.reduce((b, x) => b + x.rows.length, 0);
    let first1 = true;
    for (const g2 of g1.groups) {
      let first2 = true;
      for (const [name, target, actual, progress] of g2.rows) {
        const r: Row = [];
        if (first1) r.push(c(g1.level1, { rs: n1 }));
        if (first2) r.push(c(g2.level2, { rs: g2.rows.length }));
        r.push(c(name, { cs: 2, al: 'l' }), c(target, { cs: 2 }), c(actual, { cs: 2 }), c(progress));
        rows.push(r);
        first1 = first2 = false;
      }
    }
  }
  rows.push([c('项目绩效情况'), c(f.performance, { cs: 9, al: 'l' })]);
  rows.push([c('其他需说明的问题'), c(f.other, { cs: 9, al: 'l' })]);

  const nScore = f.scores.reduce((a, s) => a + 1 + s.groups.reduce((b, g) => b + g.items.length, 0), 0);
  rows.push([
    c('评分表', { rs: nScore + 3 }),
    c('二级指标', { cs: 2 }),
    c('三级指标', { cs: 2 }),
    c('指标分值', { cs: 2 }),
    c('得分', { cs: 2 }),
    c('备注'),
  ]);
  for (const s of f.scores) {
    rows.push([c(s.section, { cs: 4, al: 'l', b: true }), c(s.weight, { cs: 2 }), c(s.score, { cs: 2 }), c('')]);
    for (const g of s.groups) {
      let first = true;
      for (const [name, w, sc] of g.items) {
        const r: Row = [];
        if (first) r.push(c(g.level2, { cs: 2, rs: g.items.length }));
        r.push(c(name, { cs: 2 }), c(w, { cs: 2 }), c(sc, { cs: 2 }), c(''));
        rows.push(r);
        first = false;
      }
    }
  }
  rows.push([c('综合得分：', { cs: 4, al: 'l', b: true }), c(f.total[0], { cs: 2 }), c(f.total[1], { cs: 2 }), c('')]);
  rows.push([c('评价结果等次：', { cs: 4, al: 'l', b: true }), c(f.grade, { cs: 5 })]);
  rows.push([
    c('评价人员', { rs: 1 + f.evaluators.length }),
    c('姓名', { cs: 2 }),
    c('职务/职称', { cs: 2 }),
    c('科室', { cs: 3 }),
    c('联系电话', { cs: 2 }),
  ]);
  for (const [n, t, o, ph] of f.evaluators) rows.push([c(n, { cs: 2 }), c(t, { cs: 2 }), c(o, { cs: 3 }), c(ph, { cs: 2 })]);

  return {
    landscape: true,
    size: 9.5,
    blocks: [
      p(f.place, { size: 9 }),
      title('财政支出项目绩效自评表'),
      p(`（${f.year} 年度）`, { al: 'c' }),
      p(`填报单位（公章）：${f.unitSeal}`),
      table(W, rows, { size: 9 }),
      ...f.footer.map((s) => p(s)),
    ],
  };
}
