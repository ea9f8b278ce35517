/**
 * Issue 8, kind 6: several forms in one PDF, one project per page with `-1-` / `-2-` page
 * marks: one form, one project; the second form's rows never merge into the first project.
 */
import { describe, expect, it } from '@jest/globals';
import { classify } from '../../../src/classify/index.js';
import { parseFiling } from '../../../src/forms/index.js';
import type { Block } from '../../../src/model/layout.js';
import { doc, line, table, type CellSpec } from '../../fixtures/forms/build.js';
import { declarationForm, selfEvalForm } from '../../fixtures/forms/fields.js';

const v = (x: { value: unknown } | null | undefined) => (x ? x.value : null);
function run(blocks: Block[]) {
  const d = doc(...blocks);
  return parseFiling(d, classify(d));
}
const header = (name: string, dept: string): CellSpec[][] => [
  ['项目名称', { t: name, cs: 9 }],
  ['主管部门', { t: dept, cs: 4 }, '实施单位', { t: `${dept}直属中心`, cs: 4 }],
];

/** Move a form's title into its table as a first row spanning the table (as office exports print it). */
function titleInTable(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let title: string | null = null;
  for (const b of blocks) {
    if (b.kind === 'line' && /自评表|申报表/.test(b.line.text)) {
      title = b.line.text;
      continue;
    }
    if (b.kind === 'table' && title) {
      const t = b.table;
      const cells = t.cells.map((c) => ({ ...c, row: c.row + 1 }));
      cells.unshift({ row: 0, col: 0, rowSpan: 1, colSpan: t.nCols, text: title, ref: { page: t.pages[0] } });
      out.push({ kind: 'table', table: { ...t, nRows: t.nRows + 1, cells } });
      title = null;
      continue;
    }
    out.push(b);
  }
  return out;
}

describe('several self-evaluation forms in one document', () => {
  it('one project per page with -1- / -2- page marks', () => {
    const f = run([
      ...selfEvalForm({ header: header('城乡医疗救助', '某县医疗保障局'), funds: ['120', '108', '90%'], indicator: '救助人次', page: 1, after: ['-1-'] }),
      ...selfEvalForm({ header: header('农村饮水安全维修', '某县水利局'), funds: ['80', '80', '100%'], indicator: '维修处数', page: 2, after: ['-2-'] }),
    ]);
    expect(f.projects.map((p) => v(p.project_name))).toEqual(['城乡医疗救助', '农村饮水安全维修']);
    expect(f.projects.map((p) => v(p.budget_wan))).toEqual([120, 80]);
    expect(f.projects.map((p) => p.indicators.map((i) => i.name.value)[0])).toEqual(['救助人次', '维修处数']);
    expect(f.projects.map((p) => p.indicators.length)).toEqual([3, 3]);
  });
  it('variant: titles printed inside the tables (first row spanning the table), page marks `- 1 -`', () => {
    const f = run(
      titleInTable([
        ...selfEvalForm({ header: header('城乡医疗救助', '某县医疗保障局'), indicator: '救助人次', page: 1, after: ['- 1 -'] }),
        ...selfEvalForm({ header: header('农村饮水安全维修', '某县水利局'), funds: ['80', '80', '100%'], indicator: '维修处数', page: 2, after: ['- 2 -'] }),
      ]),
    );
    expect(f.projects.map((p) => v(p.project_name))).toEqual(['城乡医疗救助', '农村饮水安全维修']);
    expect(f.projects.map((p) => v(p.budget_wan))).toEqual([120, 80]);
    expect(f.projects.map((p) => p.indicators.length)).toEqual([3, 3]);
  });
  it('variant: the second form names its project 专项资金名称', () => {
    const f = run([
      ...selfEvalForm({ header: header('城乡医疗救助', '某县医疗保障局'), indicator: '救助人次', page: 1, after: ['-1-'] }),
      ...selfEvalForm({ header: [['专项资金名称', { t: '农村饮水安全维修', cs: 9 }], ...header('x', '某县水利局').slice(1)], indicator: '维修处数', page: 2, after: ['-2-'] }),
    ]);
    expect(f.projects.map((p) => v(p.project_name))).toEqual(['城乡医疗救助', '农村饮水安全维修']);
  });
  it('variant: the title printed once, each later page opening with its own 项目名称 table', () => {
    const second = selfEvalForm({ header: header('农村饮水安全维修', '某县水利局'), funds: ['80', '80', '100%'], indicator: '维修处数', page: 2, after: ['-2-'] });
    const f = run([
      ...selfEvalForm({ header: header('城乡医疗救助', '某县医疗保障局'), indicator: '救助人次', page: 1, after: ['-1-'] }),
      ...second.filter((b) => b.kind === 'table' || /^-/.test(b.line.text)),
    ]);
    expect(f.projects.map((p) => v(p.project_name))).toEqual(['城乡医疗救助', '农村饮水安全维修']);
    expect(f.projects.map((p) => v(p.executed_wan))).toEqual([108, 80]);
  });
});

it('a header repeated over the pages of one form (same 项目名称) splits nothing', () => {
  const page2 = selfEvalForm({ header: header('城乡医疗救助', '某县医疗保障局'), page: 2 }).filter((b) => b.kind === 'table');
  const f = run([...selfEvalForm({ header: header('城乡医疗救助', '某县医疗保障局'), page: 1 }), ...page2]);
  expect(f.projects).toHaveLength(1);
});

describe('several declarations in one document', () => {
  it('titles inside the tables, one per page', () => {
    const f = run(
      titleInTable([
        ...declarationForm({ header: [['项目名称', { t: '农村人居环境整治', cs: 3 }, '主管部门', { t: '某县农业农村局', cs: 3 }]], page: 1, after: ['-1-'] }),
        ...declarationForm({ header: [['项目名称', { t: '中小学校舍维修', cs: 3 }, '主管部门', { t: '某县教育局', cs: 3 }]], budget: '80', page: 2, after: ['-2-'] }),
      ]),
    );
    expect(f.projects.map((p) => v(p.project_name))).toEqual(['农村人居环境整治', '中小学校舍维修']);
    expect(f.projects.map((p) => v(p.budget_wan))).toEqual([600, 80]);
  });
});
