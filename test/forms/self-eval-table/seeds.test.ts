/** The seeds through the real plain-text ingest and layout (skipped until those exist). */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { parseSelfEvalTable, parseSelfEvalTableBlocks } from '../../../src/forms/self-eval-table/index.js';
import { classify } from '../../../src/classify/index.js';
import { Project } from '../../../schemas/record.js';
import type { Block, LaidOutDocument } from '../../../src/model/layout.js';

const SEEDS = '/work/shared/seeds/';
const haveLayout = existsSync(new URL('../../../src/layout/plain-text/index.ts', import.meta.url)) && existsSync(SEEDS);

async function laidOut(name: string): Promise<LaidOutDocument> {
  const { ingestPlainText } = await import('../../../src/ingest/plain-text/index.js');
  const { layoutPlainText } = await import('../../../src/layout/plain-text/index.js');
  return layoutPlainText(ingestPlainText(new Uint8Array(readFileSync(SEEDS + name))).pages[0]);
}

const v = (n: { value: unknown } | null | undefined) => (n ? n.value : null);

(haveLayout ? describe : describe.skip)('self-evaluation seeds through the plain-text layout', () => {
  it('jinzhong-2020-self-eval-table (shanxi)', async () => {
    const laid = await laidOut('jinzhong-2020-self-eval-table.txt');
    const c = classify(laid);
    expect(c.doc_type).toBe('self_eval_table');
    expect(c.variant).toBe('shanxi');
    const filing = parseSelfEvalTable(laid, c);
    const p = filing.projects[0];
    Project.parse(p);
    expect(v(p.fiscal_year)).toBe(2020);
    expect(v(p.unit)).toBe('晋中市医疗保障局');
    expect(v(p.project_name)).toBe('打击欺诈骗保工作经费');
    expect([v(p.budget_wan), v(p.executed_wan)]).toEqual([20, 13.5]);
    expect(p.indicators).toHaveLength(14);
    expect(p.indicators.every((i) => i.target && i.actual)).toBe(true);
    const fee = p.indicators.find((i) => i.name.value === '宣传费')!;
    expect([v(fee.target), v(fee.actual), v(fee.level2)]).toEqual(['70000', '47190', '成本指标']);
    expect(p.indicators.map((i) => i.name.value)).toContain('会议费');
    expect(p.indicators.map((i) => i.name.value)).toContain('审计经费');
    expect(p.indicators.some((i) => /^指标\d/.test(i.name.value))).toBe(false);
    expect(p.scores).toHaveLength(21);
    expect(p.scores.reduce((s, x) => s + (x.weight?.value ?? 0), 0)).toBe(100);
    expect(p.scores.filter((s) => s.role === 'budget_execution').map((s) => s.item.value)).toEqual(['预算执行率']);
    expect(p.scores.filter((s) => s.section === '投入' || s.section === '过程').every((s) => s.score_reported === null)).toBe(true);
    expect(p.scores.filter((s) => s.section === '效果').map((s) => v(s.score_reported))).toEqual([0, 20, 0, 0, 10]);
    expect(v(p.score_reported)).toBe(99.03);
    expect(v(p.grade_reported)).toBe('中');
  });

  it('the attachments of hongshan-2019-self-eval-report (hubei), block by block', async () => {
    const laid = await laidOut('hongshan-2019-self-eval-report.txt');
    const c = classify(laid);
    expect(c.doc_type).toBe('self_eval_report');
    expect(c.variant).toBe('hubei');
    const starts = laid.blocks.map((b, i) => (b.kind === 'line' && /^附件\s*1\.\d/.test(b.line.text) ? i : -1)).filter((i) => i >= 0);
    expect(starts).toHaveLength(2);
    const parts: Block[][] = [laid.blocks.slice(starts[0], starts[1]), laid.blocks.slice(starts[1])];
    const results = parts.map((b, k) => parseSelfEvalTableBlocks(b, k + 1, { moneyUnit: '万元' }));
    const [a, b] = results.map((r) => r.project);
    results.forEach((r) => Project.parse(r.project));
    expect(results.map((r) => r.variant)).toEqual(['hubei', 'hubei']);
    expect([a.project_name?.value, b.project_name?.value]).toEqual(['机关建设及日常保障经费', '打击欺诈骗取医保基金专项经费']);
    expect([v(a.fiscal_year), v(a.budget_wan), v(a.executed_wan), v(a.execution_rate_reported), v(a.score_reported), v(a.grade_reported)]).toEqual([2019, 40, 39.96, 0.999, 90.98, '优']);
    expect([v(b.budget_wan), v(b.executed_wan), v(b.execution_rate_reported), v(b.score_reported)]).toEqual([27.56, 27.34, 0.992, 92.84]);
    expect(a.unit).toBeNull();
    expect(v(a.department)).toBe('洪山区医疗保障局');
    expect(a.scores.map((s) => [s.role, v(s.weight), v(s.score_reported)])).toEqual([
      ['budget_execution', 20, 19.98],
      ['goal', 20, 18],
      ['indicator', 60, null],
    ]);
    expect(b.scores.map((s) => [s.role, v(s.weight), v(s.score_reported)])).toEqual([
      ['budget_execution', 20, 19.84],
      ['goal', 20, 18],
      ['indicator', 60, null],
    ]);
    expect(a.indicators.map((i) => i.name.value)).toEqual(['法律顾问对咨询事务的受理率', '工作考核等级', '局预算执行率', '群众对部门工作的满意度']);
    expect(b.indicators.map((i) => [v(i.level1), v(i.level2), i.name.value, v(i.target), v(i.actual)])).toEqual([
      ['产出指标', '数量指标', '政策宣传活动次数', '≥2次', '3'],
      ['产出指标', '质量指标', '对两定医药机构抽查完成率', '100%', '100%'],
      ['产出指标', '质量指标', '培训参与率', '100%', '100%'],
      ['产出指标', '时效指标', '处理群众举报的欺诈骗保行为的及时性', '及时', '及时'],
      ['满意度指标', '服务对象满意度', '群众对医疗保障工作的满意度', '≥90%', null],
    ]);
    expect(results.every((r) => r.missing.length === 0)).toBe(true);
  });
});
