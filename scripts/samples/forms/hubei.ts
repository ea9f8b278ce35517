/**
 * Hubei variants: 项目资金绩效目标申报表 (declaration) and 项目支出绩效自评表 (the self-evaluation
 * table attached to a 绩效自评报告), plus the tables a report's prose carries.
 */
import { c, p, table, title, type Block, type OdfDoc, type Row, type TableBlock } from '../fodt.js';

// ---------------------------------------------------------------- declaration

export interface HubeiDeclaration {
  title: string;
  unit: string;
  moneyUnit: string;
  projectName: string;
  projectCode: string;
  department: string;
  executor: string;
  leader: string;
  level: string;
  reason: string;
  content: string;
  totalBudget: string;
  yearBudget: string;
  priorYears: string;
  /** [label, amount] rows under 资金来源项目, 合计 first */
  sources: [string, string][];
  /** [label, amount] rows under 项目支出明细, 合计 first */
  expenses: [string, string][];
  basis: string;
  goal: string;
  /** level1, level2, name, value, note; level1 '' = merged with the cell above */
  indicators: [string, string, string, string, string][];
  attachmentNo: string;
  notes: string[];
}

export function renderHubeiDeclaration(d: HubeiDeclaration): OdfDoc {
  const W = [2.8, 1.9, 2.1, 2.3, 1.9, 2.0, 2.0, 2.0];
  const L = { al: 'l' as const };
  const rows: Row[] = [];
  rows.push([c('项目名称'), c(d.projectName, { cs: 3 }), c('项目代码'), c(d.projectCode, { cs: 3 })]);
  rows.push([c('项目主管部门'), c(d.department, { cs: 3 }), c('项目执行单位'), c(d.executor, { cs: 3 })]);
  rows.push([c('项目负责人'), c(d.leader, { cs: 7 })]);
  rows.push([c('考核级次'), c(d.level, { cs: 7, ...L })]);
  rows.push([c('项目申请理由'), c(d.reason, { cs: 7, ...L })]);
  rows.push([c('项目主要内容'), c(d.content, { cs: 7, ...L })]);
  rows.push([c('项目总预算'), c(d.totalBudget, { cs: 3 }), c('项目当年预算'), c(d.yearBudget, { cs: 3 })]);
  rows.push([c('项目前两年预算及当年预算变动情况'), c(d.priorYears, { cs: 7, ...L })]);
  rows.push([c('项目资金来源', { rs: d.sources.length + 1 }), c('资金来源项目', { cs: 5 }), c('金额', { cs: 2 })]);
  for (const [label, amt] of d.sources)
    rows.push([c(label, { cs: 5, al: label === '合计' ? 'c' : 'l' }), c(amt, { cs: 2 })]);
  rows.push([
    c('项目支出预算及测算依据', { rs: d.expenses.length + 2 }),
    c('明细预算', { rs: d.expenses.length + 1 }),
    c('项目支出明细', { cs: 4 }),
    c('金额', { cs: 2 }),
  ]);
  for (const [label, amt] of d.expenses)
    rows.push([c(label, { cs: 4, al: label === '合计' ? 'c' : 'l' }), c(amt, { cs: 2 })]);
  rows.push([c('测算依据及说明'), c(d.basis, { cs: 6, ...L })]);
  rows.push([c('项目绩效总目标'), c(d.goal, { cs: 7, ...L })]);
  rows.push([
    c('项目年度绩效指标', { rs: d.indicators.length + 1 }),
    c('一级指标'),
    c('二级指标'),
    c('指标名称', { cs: 2 }),
    c('指标值'),
    c('备注', { cs: 2 }),
  ]);
  for (let i = 0; i < d.indicators.length; i++) {
    const [l1, l2, name, value, note] = d.indicators[i];
    const r: Row = [];
    if (l1 !== '') {
      let n = 1;
      while (i + n < d.indicators.length && d.indicators[i + n][0] === '') n++;
      r.push(c(l1, { rs: n }));
    }
    r.push(c(l2), c(name, { cs: 2, ...L }), c(value), c(note, { cs: 2, ...L }));
    rows.push(r);
  }
  return {
    landscape: false,
    size: 9.5,
    blocks: [
      title(d.title, 15),
      p(`单位名称：${d.unit}`),
      p(`资金单位：${d.moneyUnit}`),
      table(W, rows, { size: 9 }),
      { kind: 'page', landscape: false },
      p(d.attachmentNo),
      title('填表说明', 13),
      ...d.notes.map((s) => p(s, { size: 9.5 })),
    ],
  };
}

// ---------------------------------------------------------------- self-evaluation table (report attachment)

export interface HubeiSelfEval {
  year: number;
  date: string;
  grade: string;
  score: string;
  projectName: string;
  merged: string;
  department: string;
  unit: string;
  /** 年度资金总额 then 中央补助 … 其他资金: [label, A, B, rate, score] */
  funds: [string, string, string, string, string][];
  goalSet: string;
  goalDone: string;
  goalScore: string;
  goalLabel: string;
  /** level1, level2, content, target, actual, reason, score; '' level = merged with the cell above */
  indicators: [string, string, string, string, string, string, string][];
  note: string;
}

/** The Hubei 项目支出绩效自评表 as an 8-column table (portrait, 17 cm). */
export function hubeiSelfEvalTable(t: HubeiSelfEval, headerRows = 0): TableBlock {
  const W = [2.2, 1.9, 2.1, 3.2, 2.0, 2.0, 2.2, 1.4];
  const rows: Row[] = [];
  rows.push([
    c('（单位盖章）自评时间：', { cs: 2, al: 'l' }),
    c(t.date, { cs: 2 }),
    c('自评等次：'),
    c(t.grade),
    c('自评得分：'),
    c(t.score),
  ]);
  rows.push([c('项目名称'), c(t.projectName, { cs: 7, al: 'l' })]);
  rows.push([c('合并明细项目'), c(t.merged, { cs: 7, al: 'l' })]);
  rows.push([c('主管部门'), c(t.department, { cs: 3 }), c('实施单位'), c(t.unit, { cs: 3 })]);
  rows.push([
    c('项目资金（20分）', { rs: t.funds.length + 1 }),
    c('', { cs: 2 }),
    c('全年预算数（A）'),
    c('全年执行数（B）'),
    c('预算执行率（B/A）', { cs: 2 }),
    c('自评分'),
  ]);
  for (const [label, a, b, rate, score] of t.funds)
    rows.push([c(label, { cs: 2, al: 'l' }), c(a), c(b), c(rate, { cs: 2 }), c(score)]);
  rows.push([c(t.goalLabel, { rs: 2 }), c('年初设定目标', { cs: 3 }), c('全年实际完成情况', { cs: 3 }), c('自评分')]);
  rows.push([c(t.goalSet, { cs: 3, al: 'l' }), c(t.goalDone, { cs: 3, al: 'l' }), c(t.goalScore)]);
  rows.push([
    c('绩效指标（60分）', { rs: t.indicators.length + 1 }),
    c('一级指标'),
    c('二级指标'),
    c('指标内容'),
    c('年度目标值'),
    c('全年完成值'),
    c('未完成原因和改进措施'),
    c('自评分'),
  ]);
  for (let i = 0; i < t.indicators.length; i++) {
    const [l1, l2, content, target, actual, reason, score] = t.indicators[i];
    const r: Row = [];
    const span = (col: number): number => {
      let n = 1;
      while (i + n < t.indicators.length && t.indicators[i + n][col] === '') n++;
      return n;
    };
    if (l1 !== '') r.push(c(l1, { rs: span(0) }));
    if (l2 !== '') r.push(c(l2, { rs: span(1) }));
    r.push(c(content, { al: 'l' }), c(target), c(actual), c(reason, { al: 'l' }), c(score));
    rows.push(r);
  }
  rows.push([c('说明'), c(t.note, { cs: 7, al: 'l' })]);
  return table(W, rows, { size: 9, headerRows });
}

export function hubeiSelfEvalBlocks(attachment: string, t: HubeiSelfEval): Block[] {
  return [p(attachment, { b: true }), title('项目支出绩效自评表', 14), p(`（${t.year}年度）`, { al: 'c' }), hubeiSelfEvalTable(t)];
}

// ---------------------------------------------------------------- report tables

/** 序号 / 项目名称 / 预算数 / 全年执行数 / 得分 / 自评等级, then 合计 */
export function summaryTable(rows: [string, string, string, string, string, string][], total: [string, string]): TableBlock {
  return table(
    [1.2, 6.0, 2.6, 2.9, 2.0, 2.3],
    [
      ['序号', '项目名称', '预算数(万元)', '全年执行数(万元)', '得分', '自评等级'],
      ...rows.map((r) => [r[0], c(r[1], { al: 'l' }), r[2], r[3], r[4], r[5]]),
      [c('合计', { cs: 2 }), total[0], total[1], '----', '----'],
    ],
    { size: 9.5 },
  );
}

/** 项目构成: 合并明细项目 / 预算数 / 调整数 / 合计, then 合计 */
export function compositionTable(rows: [string, string, string, string][]): TableBlock {
  return table(
    [7.0, 3.3, 3.3, 3.4],
    [['合并明细项目', '预算数(万元)', '调整数(万元)', '合计(万元)'], ...rows.map((r) => [c(r[0], { al: 'l' }), r[1], r[2], r[3]])],
    { size: 9.5 },
  );
}

/** 项目绩效目标: 年度目标 prose, then 一级 / 二级 / 指标名称 / 指标值 */
export function goalTable(goal: string, label: string, inds: [string, string, string, string][]): TableBlock {
  const rows: Row[] = [
    [c('年度目标'), c(goal, { cs: 4, al: 'l' })],
    [c(label, { rs: inds.length + 1 }), '一级指标', '二级指标', '指标名称', '指标值'],
  ];
  for (let i = 0; i < inds.length; i++) {
    const [l1, l2, name, value] = inds[i];
    const r: Row = [];
    if (l1 !== '') {
      let n = 1;
      while (i + n < inds.length && inds[i + n][0] === '') n++;
      r.push(c(l1, { rs: n }));
    }
    r.push(l2, c(name, { al: 'l' }), value);
    rows.push(r);
  }
  return table([2.4, 2.4, 3.0, 6.4, 2.8], rows, { size: 9.5 });
}
