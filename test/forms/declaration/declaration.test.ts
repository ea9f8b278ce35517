import { describe, expect, it } from '@jest/globals';
import { readFileSync, existsSync } from 'node:fs';
import { parseDeclaration } from '../../../src/forms/declaration/index.js';
import { classify } from '../../../src/classify/index.js';
import { Project } from '../../../schemas/record.js';
import type { LaidOutDocument } from '../../../src/model/layout.js';
import { declarationDoc, type DeclarationVariant } from '../../fixtures/forms/declaration.js';

const cls = { doc_type: 'declaration' as const, variant: null, evidence: [] };

function parse(v: DeclarationVariant = {}) {
  const doc = declarationDoc(v);
  const filing = parseDeclaration(doc, classify(doc));
  expect(filing.projects).toHaveLength(1);
  const p = filing.projects[0];
  Project.parse(p);
  return { filing, p };
}

function essentials(p: Project) {
  return {
    fiscal_year: p.fiscal_year?.value,
    unit: p.unit?.value,
    department: p.department?.value,
    project_name: p.project_name?.value,
    budget: p.budget_wan?.value,
    total: p.total_budget_wan?.value,
    lines: p.budget_lines.map((l) => [l.kind, l.name.value, l.amount_wan?.value]),
    totals: [p.budget_line_totals.funding_source?.value, p.budget_line_totals.expense_item?.value],
    goal: p.goal?.value.slice(0, 8),
    indicators: p.indicators.map((i) => [i.level1?.value, i.level2?.value, i.name.value, i.target?.value]),
    prior: p.prior_year_budgets.map((b) => [b.year, b.amount_wan.value]),
  };
}

const EXPECTED = {
  fiscal_year: 2021,
  unit: '武汉市洪山区医疗保障局',
  department: '洪山区医疗保障局',
  project_name: '打击欺诈骗取医保',
  budget: 72.35,
  total: 72.35,
  lines: [
    ['funding_source', '一般公共预算财政拨款收入', 72.35],
    ['expense_item', '举报奖励费', 15],
    ['expense_item', '购买服务:审计费', 25],
  ],
  totals: [72.35, 40],
  goal: '加大医保基金监管',
  indicators: [
    ['产出指标', '数量指标', '政策宣传活动次数', '≥2次'],
    ['产出指标', '时效指标', '处理群众举报的欺诈骗保行为的及时性', '及时'],
    ['产出指标', '质量指标', '举报奖励兑现率', '100%'],
    ['效益指标', '社会效益指标', '违规行为查处率', '100%'],
    ['效益指标', '满意度指标', '群众对医疗保障工作的满意度', '≥90%'],
  ],
  prior: [
    [2019, 27.56],
    [2020, 30.1],
  ],
};

describe('parseDeclaration on lattice tables', () => {
  it('reads the form as printed', () => {
    const { filing, p } = parse();
    expect(essentials(p)).toEqual(EXPECTED);
    expect(filing.missing).toEqual([]);
    expect(filing.money_unit).toBe('万元');
    expect(filing.title?.value).toBe('洪山区2021年项目资金绩效目标申报表');
    expect(p.header.executing_unit?.value).toBe('洪山区医疗保障局');
    expect(p.header.project_code).toBeUndefined();
    expect(p.indicators[1].note?.value).toBe('按规定时间及时处理');
    // provenance: page and box of the cell
    expect(p.budget_wan?.src.page).toBe(1);
    expect(p.budget_wan?.src.box).toHaveLength(4);
  });
  it('tolerates rows moved (项目名称 after 主管部门)', () => {
    expect(essentials(parse({ swapNameDept: true }).p)).toEqual(EXPECTED);
  });
  it('tolerates synonyms (预算单位, 本年度预算)', () => {
    expect(essentials(parse({ unitLabel: '预算单位', budgetLabel: '本年度预算' }).p)).toEqual(EXPECTED);
    expect(essentials(parse({ unitLabel: '申报单位', unitInTable: true, budgetLabel: '年度预算' }).p)).toEqual(EXPECTED);
  });
  it('tolerates OCR slips in labels (坝目绩效总目标, 资全来源)', () => {
    expect(essentials(parse({ goalLabel: '坝目绩效总目标', fundLabel: '资全来源' }).p)).toEqual(EXPECTED);
  });
  it('takes both tables of an indicator table split over two pages', () => {
    const { p } = parse({ splitIndicators: true });
    expect(essentials(p)).toEqual(EXPECTED);
    expect(p.indicators[4].name.src.page).toBe(3);
  });
  it('converts amounts printed in 元 to 万元', () => {
    const { filing, p } = parse({ yuan: true });
    expect(filing.money_unit).toBe('元');
    expect(p.budget_wan?.value).toBe(72.35);
    expect(p.budget_wan?.src.raw).toBe('723500');
    expect(p.budget_lines.map((l) => l.amount_wan?.value)).toEqual([72.35, 15, 25]);
  });
  it('reports what it could not find', () => {
    const doc: LaidOutDocument = { blocks: [], source: 'pdf_text', warnings: [] };
    const filing = parseDeclaration(doc, cls);
    expect(filing.missing).toEqual(expect.arrayContaining(['项目名称', '项目当年预算', '绩效总目标', '年度绩效指标']));
  });
});

const SEED = '/work/shared/seeds/hongshan-2021-declaration.txt';
const haveLayout = existsSync(new URL('../../../src/layout/plain-text/index.ts', import.meta.url)) && existsSync(SEED);

(haveLayout ? describe : describe.skip)('parseDeclaration on the seed through the plain-text layout', () => {
  it('reads hongshan-2021-declaration', async () => {
    const { ingestPlainText } = await import('../../../src/ingest/plain-text/index.js');
    const { layoutPlainText } = await import('../../../src/layout/plain-text/index.js');
    const laid = layoutPlainText(ingestPlainText(new Uint8Array(readFileSync(SEED))).pages[0]);
    const c = classify(laid);
    expect(c.doc_type).toBe('declaration');
    const filing = parseDeclaration(laid, c);
    const p = filing.projects[0];
    Project.parse(p);
    expect(p.fiscal_year?.value).toBe(2021);
    expect(p.unit?.value).toBe('武汉市洪山区医疗保障局');
    expect(p.department?.value).toBe('洪山区医疗保障局');
    expect(p.project_name?.value).toBe('打击欺诈骗取医保');
    expect(p.budget_wan?.value).toBe(72.35);
    const expense = p.budget_lines.filter((l) => l.kind === 'expense_item');
    expect(expense.map((l) => [l.name.value, l.amount_wan?.value])).toEqual([
      ['举报奖励费', 15],
      ['购买服务:审计费', 24],
      ['购买服务:专家费', 25],
      ['政策法规业务宣传', 3.6],
      ['工作经费', 2.75],
      ['每年参与国家局、省局、市局各类检查', 2],
    ]);
    expect(expense.reduce((s, l) => s + (l.amount_wan?.value ?? 0), 0)).toBeCloseTo(72.35, 6);
    expect(p.budget_line_totals.expense_item?.value).toBe(72.35);
    const funding = p.budget_lines.filter((l) => l.kind === 'funding_source');
    expect(funding.map((l) => [l.name.value, l.amount_wan?.value])).toEqual([['一般公共预算财政拨款收入', 72.35]]);
    expect(p.budget_line_totals.funding_source?.value).toBe(72.35);
    expect(p.indicators.map((i) => [i.name.value, i.target?.value])).toEqual([
      ['政策宣传活动次数', '≥2次'],
      ['处理群众举报的欺诈骗保行为的及时性', '及时'],
      ['对两定医药机构抽查完成率', '100%'],
      ['举报奖励兑现率', '100%'],
      ['群众对医疗保障工作的满意度', '≥90%'],
    ]);
    expect(p.indicators.map((i) => i.level1?.value)).toEqual(['产出指标', '产出指标', '产出指标', '产出指标', '效益指标']);
    expect(p.prior_year_budgets.map((b) => [b.year, b.amount_wan.value])).toEqual([
      [2019, 27.56],
      [2020, 30.1],
    ]);
    expect(p.goal?.value.startsWith('加大医保基金监管工作合力')).toBe(true);
    expect(p.budget_wan?.src.line).toBe(14);
    expect(filing.missing).toEqual([]);
  });
});

describe('parseDeclaration: other layouts', () => {
  it('concatenates split target columns (指标性质 / 指标值 / 度量单位)', async () => {
    const { doc, line, table } = await import('../../fixtures/forms/build.js');
    const d = doc(
      line('2022年项目支出绩效目标申报表'),
      line('单位名称(盖章):某县卫生健康局 金额单位:元'),
      table([
        ['项目名称', '基层卫生培训'],
        ['本年度预算', '500000'],
        ['2020年预算', '2021年预算'],
        ['300000', '400000'],
        ['年度绩效目标', '完成基层卫生人员培训任务。'],
        ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '备注'],
        ['产出指标', '数量指标', '培训人次', '≥', '95', '%', ''],
        ['', '质量指标', '合格率', '=', '100', '%', ''],
      ]),
    );
    const f = parseDeclaration(d, cls);
    const p = f.projects[0];
    Project.parse(p);
    expect(p.unit?.value).toBe('某县卫生健康局');
    expect(f.money_unit).toBe('元');
    expect(p.budget_wan?.value).toBe(50);
    expect(p.prior_year_budgets.map((b) => [b.year, b.amount_wan.value])).toEqual([
      [2020, 30],
      [2021, 40],
    ]);
    expect(p.goal?.value).toBe('完成基层卫生人员培训任务。');
    expect(p.indicators.map((i) => [i.level1?.value, i.name.value, i.target?.value])).toEqual([
      ['产出指标', '培训人次', '≥95%'],
      ['产出指标', '合格率', '=100%'],
    ]);
  });
});

describe('parseDeclaration: funding as columns or rows, expense names right of amounts', () => {
  it('funding sources as columns over their amounts; 序号 / 金额(元) / 支出内容', async () => {
    const { doc, line, table } = await import('../../fixtures/forms/build.js');
    const d = doc(
      line('2023年度项目支出绩效目标申报表'),
      line('申报单位(盖章):韶关市武江区城市管理和综合执法局资金单位:元'),
      table([
        ['项目名称', { t: '城区公厕保洁及运维', cs: 4 }, '项目类别', { t: '经常性项目', cs: 2 }],
        ['预算单位', { t: '韶关市武江区城市管理和综合执法局', cs: 4 }, '主管部门', { t: '韶关市武江区城市管理和综合执法局', cs: 2 }],
        [{ t: '资金情况(元)', rs: 2 }, { t: '年度资金总额', cs: 2 }, { t: '其中:财政拨款', cs: 2 }, { t: '其他资金', cs: 3 }],
        [{ t: '1,286,500.00', cs: 2 }, { t: '1,200,000.00', cs: 2 }, { t: '86,500.00', cs: 3 }],
        [{ t: '项目支出明细', rs: 4 }, '序号', { t: '金额(元)', cs: 2 }, { t: '支出内容', cs: 2 }, { t: '测算依据', cs: 2 }],
        ['1', { t: '864,000.00', cs: 2 }, { t: '保洁人员劳务费', cs: 2 }, { t: '48人×1500元/人·月×12个月', cs: 2 }],
        ['2', { t: '422,500.00', cs: 2 }, { t: '保洁耗材及维修', cs: 2 }, { t: '按上年实际支出测算', cs: 2 }],
        ['合计', { t: '1,286,500.00', cs: 2 }, { t: '', cs: 4 }],
        ['年度绩效目标', { t: '做好城区42座公厕日常保洁及设施运维。', cs: 7 }],
      ]),
    );
    const p = parseDeclaration(d, cls).projects[0];
    Project.parse(p);
    expect(p.unit?.value).toBe('韶关市武江区城市管理和综合执法局');
    expect(p.budget_wan?.value).toBe(128.65);
    expect(p.budget_lines.map((l) => [l.kind, l.name.value, l.amount_wan?.value])).toEqual([
      ['funding_source', '财政拨款', 120],
      ['funding_source', '其他资金', 8.65],
      ['expense_item', '保洁人员劳务费', 86.4],
      ['expense_item', '保洁耗材及维修', 42.25],
    ]);
    expect([p.budget_line_totals.funding_source?.value, p.budget_line_totals.expense_item?.value]).toEqual([128.65, 128.65]);
  });
  it('funding as 年度资金总额 / 其中 rows; year on its own line under the title', async () => {
    const { doc, line, table } = await import('../../fixtures/forms/build.js');
    const d = doc(
      line('项目支出绩效目标申报表'),
      line('(2022年度)'),
      table([
        ['项目名称', { t: '农村人居环境整治提升', cs: 3 }],
        [{ t: '项目资金(万元)', rs: 3 }, { t: '年度资金总额', cs: 2 }, '156.80'],
        [{ t: '其中:财政拨款', cs: 2 }, '156.80'],
        [{ t: '上年结转资金', cs: 2 }, ''],
        ['年度绩效目标', { t: '完成全区1200户以上农村户厕改造。', cs: 3 }],
      ]),
    );
    const f = parseDeclaration(d, cls);
    const p = f.projects[0];
    expect(p.fiscal_year?.value).toBe(2022);
    expect(p.budget_wan?.value).toBe(156.8);
    expect(p.budget_lines.map((l) => [l.name.value, l.amount_wan?.value])).toEqual([['财政拨款', 156.8]]);
    expect(f.missing).not.toContain('资金来源');
    expect(f.missing).not.toContain('项目支出明细');
  });
});

describe('parseDeclaration: several declarations in one document', () => {
  it('one project per copy of the form', async () => {
    const { doc } = await import('../../fixtures/forms/build.js');
    const a = declarationDoc();
    const b = declarationDoc({ yuan: true, unitLabel: '预算单位' });
    const d = doc(...a.blocks, ...b.blocks);
    const f = parseDeclaration(d, classify(d));
    expect(f.projects.map((p) => [p.seq, p.budget_wan?.value, p.indicators.length])).toEqual([
      [1, 72.35, 5],
      [2, 72.35, 5],
    ]);
  });
});

describe('parseDeclaration: an indicator header wrapped onto two lines (plain text)', () => {
  it('reads the header labels joined column by column', async () => {
    const { doc, line, tsv } = await import('../../fixtures/forms/build.js');
    const d = doc(
      line('2021年项目资金绩效目标申报表'),
      tsv('项目名称\t打击欺诈骗取医保\n项目当年预算\t72.35'),
      tsv(
        [
          '\t一级\t二级\t指标\t指标值\t备注',
          '\t指标\t指标\t名称\t\t',
          '项目年度绩效指标\t产出指标\t数量指标\t政策宣传活动次数\t≥2次\t',
          '\t\t质量指标\t举报奖励兑现率\t100%\t按规定兑现',
        ].join('\n'),
      ),
    );
    const p = parseDeclaration(d, cls).projects[0];
    expect(p.indicators.map((i) => [i.level1?.value, i.level2?.value, i.name.value, i.target?.value, i.note?.value ?? null])).toEqual([
      ['产出指标', '数量指标', '政策宣传活动次数', '≥2次', null],
      ['产出指标', '质量指标', '举报奖励兑现率', '100%', '按规定兑现'],
    ]);
  });
});
