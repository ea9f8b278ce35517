import { describe, expect, it } from '@jest/globals';
import {
  documentRows,
  mapColumns,
  ownCells,
  readRoles,
  rowText,
  sectionLabelAt,
  tableRows,
  textAt,
  valueRightOf,
} from '../../src/tables/index.js';
import { COLUMN_LABELS } from '../../src/vocabulary/index.js';
import { doc, line, table, tsv } from '../fixtures/forms/build.js';

const merged = table([
  [{ t: '绩效指标(60分)', rs: 3 }, '一级指标', '二级指标', '指标内容', '年度目标值'],
  [{ t: '产出指标', rs: 2 }, '数量指标', '宣传次数', '≥2次'],
  ['质量指标', '抽查完成率', '100%'],
]);

describe('slot grid', () => {
  it('resolves merged cells into slots, marking the rows below', () => {
    const rows = tableRows(merged.kind === 'table' ? merged.table : (null as never));
    expect(rows).toHaveLength(3);
    expect(textAt(rows[2], 1)).toBe('');
    expect(textAt(rows[2], 1, true)).toBe('产出指标');
    expect(ownCells(rows[2]).map((c) => c.text)).toEqual(['质量指标', '抽查完成率', '100%']);
    expect(sectionLabelAt(rows, 2)?.text).toBe('绩效指标(60分)');
  });
  it('reads lines and tables in order as rows', () => {
    const rows = documentRows(doc(line('标题'), merged).blocks);
    expect(rows).toHaveLength(4);
    expect(rowText(rows[0])).toBe('标题');
  });
  it('skips the label’s own merged slots when looking right', () => {
    const rows = documentRows(doc(table([[{ t: '项目名称', cs: 2 }, 'X']])).blocks);
    expect(valueRightOf(rows[0], ownCells(rows[0])[0])?.text).toBe('X');
  });
});

describe('column roles', () => {
  const roles = { budget: COLUMN_LABELS.budget, executed: COLUMN_LABELS.executed, execution_rate: COLUMN_LABELS.execution_rate, score: COLUMN_LABELS.score };
  it('maps header labels with decorations to roles', () => {
    const rows = documentRows(doc(tsv('项目资金 (20分)\t\t全年预算数(A)\t全年执行数(B)\t\t预算执行率(B/A)\t自评分')).blocks);
    const map = mapColumns(rows[0], roles);
    expect(map.budget?.col).toBe(2);
    expect(map.executed?.col).toBe(3);
    expect(map.execution_rate?.col).toBe(5);
    expect(map.score?.col).toBe(6);
  });
  it('re-aligns a value standing in a column no header names', () => {
    const rows = documentRows(
      doc(tsv('项目资金 (20分)\t\t全年预算数(A)\t全年执行数(B)\t\t预算执行率(B/A)\t自评分\n\t区级预算资金\t27.56\t27.34\t99.2%\t\t')).blocks,
    );
    const map = mapColumns(rows[0], roles);
    const v = readRoles(rows[1], map, { budget: 'number', executed: 'number', execution_rate: 'percent', score: 'number' }, { minCol: 2 });
    expect(v.execution_rate?.text).toBe('99.2%');
    expect(v.score).toBeUndefined();
  });
  it('joins a header label torn over two cells', () => {
    const rows = documentRows(doc(tsv('项目资金来源\t资金来》\t原项目\t金额')).blocks);
    const map = mapColumns(rows[0], { name: COLUMN_LABELS.source_name, amount: COLUMN_LABELS.amount });
    expect(map.name?.col).toBe(1);
    expect(map.amount?.col).toBe(3);
  });
});
