/**
 * Issue 8, header-field kinds: composite 主管部门 cells (kind 1), label wordings the tables
 * lacked (kind 4), the Sichuan form's 报表编号 line and project codes (kind 3), years in
 * Chinese numerals and years not read (kind 14). Each first case is the one the fix was
 * written against; the `variant` cases are other spellings it was not.
 */
import { describe, expect, it } from '@jest/globals';
import { classify } from '../../../src/classify/index.js';
import { parseFiling } from '../../../src/forms/index.js';
import { cleanProjectName, splitDepartment } from '../../../src/forms/header-values.js';
import { Project } from '../../../schemas/record.js';
import { readDocumentFacts } from '../../../src/forms/report/document.js';
import { line } from '../../fixtures/forms/build.js';
import { doc, type CellSpec } from '../../fixtures/forms/build.js';
import { declarationForm, selfEvalForm, type DeclParts, type FormParts } from '../../fixtures/forms/fields.js';

function run(blocks: ReturnType<typeof selfEvalForm>) {
  const d = doc(...blocks);
  const c = classify(d);
  const f = parseFiling(d, c);
  for (const p of f.projects) Project.parse(p);
  return { c, f, p: f.projects[0] };
}
const selfEval = (o: FormParts) => run(selfEvalForm(o));
const declaration = (o: DeclParts) => run(declarationForm(o));
const v = (x: { value: unknown } | null | undefined) => (x ? x.value : null);

const nameRow = (label: string, value: string): CellSpec[] => [label, { t: value, cs: 9 }];
const pairRow = (l1: string, v1: string, l2: string, v2: string): CellSpec[] => [l1, { t: v1, cs: 4 }, l2, { t: v2, cs: 4 }];

describe('kind 1: 主管部门及代码 holds name and code', () => {
  it('name and code in one cell → department is the name, department_code the code', () => {
    const { p } = selfEval({ header: [nameRow('项目名称', '大气污染防治'), pairRow('主管部门及代码', '华容区生态环境分局 242', '实施单位', '华容区环境监测站')] });
    expect(v(p.department)).toBe('华容区生态环境分局');
    expect(v(p.department_code)).toBe('242');
    expect(v(p.unit)).toBe('华容区环境监测站');
  });
  it('a cell holding only the code leaves department empty (the Shanxi seed: 074)', () => {
    const { p } = selfEval({ header: [nameRow('项目名称', '大气污染防治'), pairRow('主管部门及代码', '074', '实施单位', '华容区环境监测站')] });
    expect(p.department).toBeNull();
    expect(v(p.department_code)).toBe('074');
  });
  it('variant: a declaration printing the code in brackets after a label word, glued to the name', () => {
    const { p } = declaration({
      header: [
        ['项目名称', { t: '农村人居环境整治', cs: 3 }, '主管部门及代码', { t: '某县农业农村局（代码：315）', cs: 3 }],
        ['实施单位', { t: '某县农村环境服务中心', cs: 7 }],
      ],
    });
    expect(v(p.department)).toBe('某县农业农村局');
    expect(v(p.department_code)).toBe('315');
  });
  it('variant: a leading organisation code is kept as printed (contract) and also given as the code', () => {
    expect(splitDepartment('219001-洪山区医疗保障局')).toEqual({ name: '219001-洪山区医疗保障局', code: '219001' });
    expect(splitDepartment('洪山区医疗保障局')).toEqual({ name: '洪山区医疗保障局', code: null });
    expect(splitDepartment('第2人民医院')).toEqual({ name: '第2人民医院', code: null });
  });
});

describe('kind 4: label wordings', () => {
  it('专项资金名称, 资金使用单位 and 县级主管部门', () => {
    const { p } = selfEval({ header: [nameRow('专项资金名称', '农业生产发展资金'), pairRow('县级主管部门', '某县农业农村局', '资金使用单位', '某县农技推广中心')] });
    expect(v(p.project_name)).toBe('农业生产发展资金');
    expect(v(p.department)).toBe('某县农业农村局');
    expect(v(p.unit)).toBe('某县农技推广中心');
  });
  it('variant: 项目(资金)名称 in a declaration', () => {
    const { p } = declaration({
      header: [
        ['项目(资金)名称', { t: '社区矫正工作经费', cs: 3 }, '县级主管部门', { t: '醴陵市司法局', cs: 3 }],
        ['执行单位', { t: '醴陵市司法局', cs: 7 }],
      ],
    });
    expect([v(p.project_name), v(p.department)]).toEqual(['社区矫正工作经费', '醴陵市司法局']);
  });
  it('two 主管部门 rows, 中央 and 地方: the local one is the department, the central one kept in the header', () => {
    const { p } = selfEval({
      header: [nameRow('项目名称', '重大传染病防控'), pairRow('主管部门（中央）', '国家卫生健康委员会', '实施单位', '某县疾病预防控制中心'), pairRow('主管部门（地方）', '某县卫生健康局', '', '')],
    });
    expect(v(p.department)).toBe('某县卫生健康局');
    expect(v(p.header.department_central)).toBe('国家卫生健康委员会');
  });
  it('variant: 中央主管部门 / 地方主管部门 spelled as prefixes, local row first', () => {
    const { p } = selfEval({
      header: [nameRow('项目名称', '重大传染病防控'), pairRow('地方主管部门', '某市卫生健康委', '实施单位', '某市疾控中心'), pairRow('中央主管部门', '国家疾病预防控制局', '', '')],
    });
    expect(v(p.department)).toBe('某市卫生健康委');
  });
  it('the whole-department form: 部门 names the filing unit', () => {
    const { c, p } = selfEval({ title: '部门整体支出绩效自评表', header: [pairRow('部门', '某区财政局', '', ''), nameRow('项目名称', '部门整体支出')] });
    expect(c.doc_type).toBe('self_eval_table');
    expect(v(p.unit)).toBe('某区财政局');
    expect(p.department).toBeNull();
  });
  it('a project name keeps no title suffix (…绩效目标自评)', () => {
    const { p } = selfEval({ header: [nameRow('项目名称', '高标准农田建设项目绩效目标自评'), pairRow('主管部门', '某县农业农村局', '实施单位', '某县农田中心')] });
    expect(v(p.project_name)).toBe('高标准农田建设项目');
  });
  it('variant: a declaration whose 项目名称 ends with the title words 绩效目标申报表', () => {
    const { p } = declaration({
      header: [
        ['项目名称', { t: '乡村振兴衔接资金项目绩效目标申报表', cs: 3 }, '主管部门', { t: '某县乡村振兴局', cs: 3 }],
        ['实施单位', { t: '某县乡村振兴服务中心', cs: 7 }],
      ],
    });
    expect(v(p.project_name)).toBe('乡村振兴衔接资金项目');
  });
});

describe('kind 3: the Sichuan form number line and project codes', () => {
  it('a 报表编号 line above the title leaves title, year and type alone; the project code leaves the name', () => {
    const { c, f, p } = selfEval({
      before: ['报表编号:510000_2024_ZXZP_001'],
      title: '部门预算项目支出绩效自评表',
      yearLine: '（2024年度）',
      header: [nameRow('项目名称', '51000024T000009412345-2024年省级农业产业发展资金'), pairRow('主管部门', '四川省农业农村厅', '实施单位', '四川省农业技术推广总站')],
    });
    expect(c.doc_type).toBe('self_eval_table');
    expect(f.title?.value).toBe('部门预算项目支出绩效自评表');
    expect(v(p.fiscal_year)).toBe(2024);
    expect(v(p.project_name)).toBe('2024年省级农业产业发展资金');
    expect(v(p.header.project_code)).toBe('51000024T000009412345');
  });
  it('variant: code and name apart by a space, a form number with a colon in full width, no year line', () => {
    const { f, p } = selfEval({
      before: ['报表编号：511500_2023_01'],
      title: '2023年度部门预算项目支出绩效自评表',
      yearLine: null,
      header: [nameRow('项目名称', '51150023R000001234567 城乡居民医保补助'), pairRow('主管部门', '宜宾市医疗保障局', '实施单位', '宜宾市医保中心')],
    });
    expect(f.title?.value).toBe('2023年度部门预算项目支出绩效自评表');
    expect(v(p.fiscal_year)).toBe(2023);
    expect(v(p.project_name)).toBe('城乡居民医保补助');
  });
  it('names that only look like codes are kept whole', () => {
    expect(cleanProjectName('2024年省级农业产业发展资金').name).toBe('2024年省级农业产业发展资金');
    expect(cleanProjectName('5G基站建设补助').name).toBe('5G基站建设补助');
    expect(cleanProjectName('G318线养护工程').name).toBe('G318线养护工程');
  });
});

describe('kind 14: a year in Chinese numerals, and a year not read is never silent', () => {
  it('（二〇二二年度） under the title', () => {
    const { f, p } = selfEval({ yearLine: '（二〇二二年度）' });
    expect(v(p.fiscal_year)).toBe(2022);
    expect(f.missing).toEqual([]);
  });
  it('variant: 二零二三年 in a declaration title, 〇 read by OCR as ○ in a self-evaluation title', () => {
    expect(v(declaration({ title: '二零二三年项目支出绩效目标申报表' }).p.fiscal_year)).toBe(2023);
    expect(v(selfEval({ title: '二○二一年度项目支出绩效自评表', yearLine: null }).p.fiscal_year)).toBe(2021);
  });
  it('a year in a spelling not read (大写 贰零贰贰) is named in `missing` (status partial), not dropped silently', () => {
    const { f, p } = selfEval({ yearLine: '（贰零贰贰年度）' });
    expect(p.fiscal_year).toBeNull();
    expect(f.missing.join(';')).toMatch(/贰零贰贰年度/);
  });
  it('variant: a declaration with no year at all says so', () => {
    const { f, p } = declaration({ title: '项目支出绩效目标申报表' });
    expect(p.fiscal_year).toBeNull();
    expect(f.missing.join(';')).toMatch(/fiscal year/);
  });
  it('variant: a report title 二〇一九年度…绩效自评报告 gives the report its year', () => {
    const blocks = [line('洪山区医疗保障局二〇一九年度项目支出绩效自评报告'), line('一、项目基本情况')];
    expect(readDocumentFacts(blocks, blocks.length).fiscalYear?.value).toBe(2019);
  });
});
