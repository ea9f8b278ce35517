import { describe, expect, it } from '@jest/globals';
import { grid, headerCol, layoutText, lines, tableWithHeader, tables } from './helpers.js';

const SCORE = [
  '评分表\t二级指标\t三',
  '\t投入:\t',
  '\t项目\t立',
  '\t\t目',
  '',
  '\t产出:\t',
  '\t\t数',
  '综合得分:\t\t',
  '评价结果等次:\t\t',
  '以下为说明。',
  '',
  '三级指标\t指标分值',
  '\t20',
  '立项规范性\t10',
  '目标合理性\t10',
  '',
  '\t80',
  '数量完成率\t80',
  '\t100',
  '',
  '这是一段说明文字，不是数值。',
  '',
  '80.00',
  '80.00',
  '95.50',
  '良',
  '',
  '另一段说明文字，仍然不是数值。',
  '1.00',
  '2.00',
  '3.00',
  '4.00',
  '5.00',
  '6.00',
  '',
].join('\n');

describe('torn-off value columns', () => {
  const doc = layoutText(SCORE);
  const t = tableWithHeader(doc, '评分表');

  it('re-attaches a headed block section by section, the last section may be shorter', () => {
    const g = grid(t);
    const names = headerCol(t, '三级指标');
    const weights = headerCol(t, '指标分值');
    expect(g.map((r) => r[0] || r[1] || r[2])).toEqual(['评分表', '投入:', '项目', '目', '产出:', '数', '综合得分:', '评价结果等次:']);
    expect(g.map((r) => r[weights])).toEqual(['指标分值', '20', '10', '10', '80', '80', '100', '']);
    expect(g[2][names]).toBe('立项规范性');
    // the block's lines are gone from the output, its cells keep their own lines
    expect(t.cells.find((c) => c.text === '立项规范性')!.ref.line).toBe(14);
    expect(lines(doc).some((l) => l.text === '立项规范性')).toBe(false);
  });

  it('attaches a bare block whose count fits one section exactly', () => {
    const g = grid(t);
    const last = t.nCols - 1;
    expect(g.slice(4).map((r) => r[last])).toEqual(['80.00', '80.00', '95.50', '良']);
    expect(g.slice(0, 4).map((r) => r[last])).toEqual(['', '', '', '']);
  });

  it('leaves a bare block that fits nowhere as lines, and says so', () => {
    expect(lines(doc).filter((l) => /^\d\.00$/.test(l.text)).map((l) => l.text)).toEqual(['1.00', '2.00', '3.00', '4.00', '5.00', '6.00']);
    expect(doc.warnings.some((w) => /not re-attached: lines 29-34/.test(w))).toBe(true);
  });

  it('reports each re-attachment in one line', () => {
    expect(doc.warnings.filter((w) => w.startsWith('torn column:'))).toHaveLength(2);
    expect(doc.warnings[0]).toMatch(/lines 12-19 \[三级指标\|指标分值\].*table p1-t1/);
  });
});

describe('headed blocks skip placeholder rows', () => {
  const text = [
    '绩效目标实现情况\t绩效指标（二级）\t绩效指标（三级）',
    '产出指标\t数量指标\t培训次数',
    '\t\t指标2:',
    '\t质量指标\t合格率',
    '说明。',
    '目标值\t实际完成指标值',
    '≥2次\t3次',
    '≥90%\t95%',
    '说明二。',
    '完成进度',
    '100%',
    '0',
    '100%',
  ].join('\n');
  const doc = layoutText(text);
  const t = tableWithHeader(doc, '绩效指标(二级)');

  it('aligns values with named rows when the placeholder row has none', () => {
    const g = grid(t);
    const target = headerCol(t, '目标值');
    const actual = headerCol(t, '实际完成指标值');
    const done = headerCol(t, '完成进度');
    expect(g.map((r) => [r[2], r[target], r[actual], r[done]])).toEqual([
      ['绩效指标(三级)', '目标值', '实际完成指标值', '完成进度'],
      ['培训次数', '≥2次', '3次', '100%'],
      ['指标2:', '', '', '0'],
      ['合格率', '≥90%', '95%', '100%'],
    ]);
    expect(tables(doc)).toHaveLength(1);
  });
});

describe('key-value header blocks', () => {
  const text = [
    '项目名称\t\t',
    '项目资金情况（万元）\t预算资金\t',
    '\t实际支出资金\t',
    '',
    '实施单位\t',
    '项目期\t',
    '其他\t',
    '',
    '某某市某某局',
    '20200101至20201230',
    '20.00',
    '13.50',
  ].join('\n');
  const doc = layoutText(text);

  it('pairs the amounts with the money labels and leading texts with the torn label tails', () => {
    const kv = tables(doc).find((t) => t.nCols === 2 && grid(t).some((r) => r[0] === '预算资金'))!;
    expect(grid(kv)).toEqual([
      ['实施单位', '某某市某某局'],
      ['项目期', '20200101至20201230'],
      ['预算资金', '20.00'],
      ['实际支出资金', '13.50'],
    ]);
    expect(kv.cells.find((c) => c.text === '预算资金')!.ref.line).toBe(2);
    expect(kv.cells.find((c) => c.text === '20.00')!.ref.line).toBe(11);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/^torn key-values: lines 9-12/);
  });
});
