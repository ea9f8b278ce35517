import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPlainText } from '../../../src/ingest/plain-text/index.js';
import type { LaidOutDocument } from '../../../src/model/layout.js';
import { FIXTURES, grid, headerCol, layoutFixture, lines, tableWithHeader, tables } from './helpers.js';

/** Every fragment of the file is still somewhere in the output (a cell or a line of the same text). */
function nothingLost(name: string, doc: LaidOutDocument): string[] {
  const page = ingestPlainText(readFileSync(join(FIXTURES, name))).pages[0];
  const texts: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'line') texts.push(b.line.text);
    else for (const c of b.table.cells) texts.push(c.text);
  }
  return page.words.filter((w) => !texts.some((t) => t.includes(w.text))).map((w) => `${w.line}:${w.text}`);
}

describe('seed jinzhong-2020-self-eval-table (Shanxi, torn columns)', () => {
  const name = 'jinzhong-2020-self-eval-table.txt';
  const doc = layoutFixture(name);

  it('loses nothing', () => {
    expect(nothingLost(name, doc)).toEqual([]);
  });

  it('re-attaches 目标值 / 实际完成指标值 / 完成进度 to the indicator table', () => {
    const t = tableWithHeader(doc, '绩效指标(二级)');
    const g = grid(t);
    const target = headerCol(t, '目标值');
    const actual = headerCol(t, '实际完成指标值');
    const done = headerCol(t, '完成进度');
    const withTarget = g.slice(1).filter((r) => r[target]);
    expect(withTarget).toHaveLength(14);
    const name = (r: string[]) => r.slice(0, 3).filter(Boolean).pop();
    const row = (label: string) => g.find((r) => r.slice(0, 3).some((c) => c.includes(label)))!;
    expect([row('宣传费')[target], row('宣传费')[actual], row('宣传费')[done]]).toEqual(['70000', '47190', '67%']);
    expect([row('会议费')[target], row('会议费')[actual]]).toEqual(['30000', '0']);
    expect([row('专家鉴定费')[target], row('专家鉴定费')[actual], row('专家鉴定费')[done]]).toEqual(['50000', '15000', '30%']);
    expect([row('重大安全事件响应时间')[target], row('重大安全事件响应时间')[actual]]).toEqual(['≤60分钟', '积极响应']);
    expect([row('参保人员对医保服务的满意度')[target], row('参保人员对医保服务的满意度')[actual]]).toEqual(['≥90%', '90%']);
    // placeholders get no target
    expect(g.filter((r) => /^指标\d:$/.test(name(r) ?? '') && r[target])).toEqual([]);
  });

  it('re-attaches 三级指标 / 指标分值 and the bare score block to the 评分表', () => {
    const t = tableWithHeader(doc, '评分表');
    const g = grid(t);
    const items = headerCol(t, '三级指标');
    const weight = headerCol(t, '指标分值');
    const score = t.nCols - 1;
    expect(score).toBeGreaterThan(weight);
    const itemRows = g.slice(1).filter((r) => r[items]);
    expect(itemRows).toHaveLength(21);
    expect(itemRows.map((r) => Number(r[weight]))).toEqual([3, 4, 4, 3, 3, 3, 3, 3, 4, 3, 3, 4, 8, 7, 8, 7, 0, 20, 0, 0, 10]);
    expect(itemRows.reduce((s, r) => s + Number(r[weight]), 0)).toBe(100);
    expect(itemRows.slice(12, 16).map((r) => r[score])).toEqual(['8.00', '7.00', '8.00', '7.00']);
    expect(itemRows.slice(16).map((r) => r[score])).toEqual(['0.00', '20.00', '0.00', '0.00', '10.00']);
    const byLabel = (label: string) => g.find((r) => r[0] === label || r[1] === label)!;
    expect(byLabel('效果:')[weight]).toBe('30');
    expect(byLabel('效果:')[score]).toBe('30.00');
    expect(byLabel('综合得分:')[weight]).toBe('100');
    expect(byLabel('综合得分:')[score]).toBe('99.03');
    expect(byLabel('评价结果等次:')[score]).toBe('中');
  });

  it('pairs the header values with their labels: 预算资金 20, 实际支出资金 13.5', () => {
    const kv = tables(doc).find((t) => t.nCols === 2 && grid(t).some((r) => r[0] === '预算资金'))!;
    const value = (label: string) => grid(kv).find((r) => r[0] === label)?.[1];
    expect(value('预算资金')).toBe('20.00');
    expect(value('实际支出资金')).toBe('13.50');
    expect(value('实施单位')).toBe('晋中市医疗保障局');
    expect(value('项目期')).toBe('20200101至20201230');
  });

  it('reports every re-attachment and every block left alone', () => {
    expect(doc.warnings.filter((w) => w.startsWith('torn column:'))).toHaveLength(4);
    expect(doc.warnings.filter((w) => w.startsWith('torn key-values:'))).toHaveLength(1);
    expect(doc.warnings.filter((w) => /not re-attached/.test(w))).toHaveLength(2);
  });
});

describe('seed hongshan-2021-declaration', () => {
  const name = 'hongshan-2021-declaration.txt';
  const doc = layoutFixture(name);

  it('loses nothing and needs no re-attachment', () => {
    expect(nothingLost(name, doc)).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('keeps the form as one table with its columns as printed', () => {
    const ts = tables(doc);
    expect(ts).toHaveLength(1);
    const g = grid(ts[0]);
    const row = (label: string) => g.find((r) => r.includes(label))!;
    expect(row('项目总预算')).toContain('72.35');
    expect(row('项目前两年预算及当年预算变动情况')[0]).toBe('项目前两年预算及当年预算变动情况');
    expect(row('4.政策法规业务宣传').indexOf('3.6')).toBeGreaterThan(row('1.举报奖励费').indexOf('15'));
    expect(row('处理群众举报的欺诈骗保行为的及时性')).toContain('及时');
    expect(row('一级指标')).toEqual(expect.arrayContaining(['二级指标', '指标名称', '指标值', '备注']));
  });
});

describe('seed hongshan-2019-self-eval-report', () => {
  const name = 'hongshan-2019-self-eval-report.txt';
  const doc = layoutFixture(name);

  it('loses nothing and needs no re-attachment', () => {
    expect(nothingLost(name, doc)).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('finds the summary table, the two 项目构成 tables and the two attached self-evaluation tables', () => {
    const summary = tableWithHeader(doc, '序号');
    expect(grid(summary)).toEqual([
      ['序号', '项目名称', '预算数(万元)', '全年执行数(万元)', '得分', '自评等级'],
      ['1', '机关建设及日常保障经费', '40.00', '39.96', '90.98', '优'],
      ['2', '打击欺诈骗取医保基金专项经费', '27.56', '27.34', '92.84', '优'],
      ['合计', '', '67.56', '67.3', '----', '----'],
    ]);
    expect(tables(doc).filter((t) => t.cells.some((c) => c.row === 0 && c.text === '合并明细项目'))).toHaveLength(2);
    const selfEval = tables(doc).filter((t) => t.cells.some((c) => c.text === '自评得分:'));
    expect(selfEval).toHaveLength(2);
    const g = grid(selfEval[0]);
    expect(g.find((r) => r[1] === '年度资金总额:')).toEqual(['', '年度资金总额:', '40', '39.96', '99.9%', '19.98', '']);
    expect(g.some((r) => r.includes('法律顾问对咨询事务的受理率'))).toBe(true);
    expect(lines(doc).some((l) => l.text.startsWith('本项目自评总分90.98分'))).toBe(true);
  });
});
