import { describe, expect, it } from '@jest/globals';
import {
  labelWeight,
  matchLabel,
  normalizeLabel,
  stripNumbering,
  withoutWeight,
  HEADER_FIELDS,
  MATCH_EXACT,
  MATCH_FUZZY,
  MATCH_PREFIX,
} from '../../src/vocabulary/index.js';
import { documentRows, findField } from '../../src/tables/index.js';
import { doc, line, table } from '../fixtures/forms/build.js';

describe('normalizeLabel', () => {
  it('drops weights, units, stamps, spaces and colons', () => {
    expect(normalizeLabel('项目资金（20分）')).toBe('项目资金');
    expect(normalizeLabel('绩效 指标 (6 0 分)')).toBe('绩效指标');
    expect(normalizeLabel('项目 绩效 总目 标 (20 分)')).toBe('项目绩效总目标');
    expect(normalizeLabel('全年预算数(A)')).toBe('全年预算数');
    expect(normalizeLabel('预算执行率(B/A)')).toBe('预算执行率');
    expect(normalizeLabel('项目资金情况（万元）')).toBe('项目资金情况');
    expect(normalizeLabel('填报单位（公章）：')).toBe('填报单位');
    expect(normalizeLabel('(单位盖章) 自评时间:')).toBe('自评时间');
    expect(normalizeLabel('年度资金总额：')).toBe('年度资金总额');
  });
  it('keeps bracketed words that tell labels apart', () => {
    expect(normalizeLabel('绩效指标（二级）')).toBe('绩效指标二级');
    expect(normalizeLabel('绩效指标(三级)')).toBe('绩效指标三级');
  });
  it('fixes OCR slips', () => {
    expect(normalizeLabel('坝目绩效总目标')).toBe('项目绩效总目标');
    expect(normalizeLabel('资全来源')).toBe('资金来源');
    expect(normalizeLabel('项目当年预箅')).toBe('项目当年预算');
    expect(normalizeLabel('资金来》')).toBe('资金来源');
  });
  it('folds full-width characters', () => {
    expect(normalizeLabel('项目名称：')).toBe('项目名称');
    expect(normalizeLabel('全年预算数（Ａ）')).toBe('全年预算数');
  });
});

describe('stripNumbering / withoutWeight / labelWeight', () => {
  it('strips list numbering of row names', () => {
    expect(stripNumbering('1.一般公共预算财政拨款收入')).toBe('一般公共预算财政拨款收入');
    expect(stripNumbering('5. 附属单位上缴收入')).toBe('附属单位上缴收入');
    expect(stripNumbering('(2)数量指标')).toBe('数量指标');
    expect(stripNumbering('2.35万元')).toBe('2.35万元');
  });
  it('reads and removes printed weights', () => {
    expect(labelWeight('项目资金（20分）')).toBe(20);
    expect(labelWeight('绩效 指标 (6 0 分)')).toBe(60);
    expect(labelWeight('产出指标')).toBeNull();
    expect(withoutWeight('产出指标（50分）')).toBe('产出指标');
  });
});

describe('matchLabel', () => {
  it('scores exact, one-edit and torn-prefix matches', () => {
    expect(matchLabel('项目当年预算', ['项目当年预算'])).toBe(MATCH_EXACT);
    expect(matchLabel('项目当年预萛', ['项目当年预算'])).toBe(MATCH_FUZZY);
    expect(matchLabel('项目当年', ['项目当年预算'])).toBe(MATCH_PREFIX);
    expect(matchLabel('项目', ['项目当年预算'])).toBe(0);
  });
  it('does not fuzz short labels', () => {
    expect(matchLabel('一级', ['二级'])).toBe(0);
    expect(matchLabel('单位', ['单位'])).toBe(MATCH_EXACT);
  });
  it('matches synonyms through the tables', () => {
    expect(matchLabel('预算单位', HEADER_FIELDS.unit)).toBe(MATCH_EXACT);
    expect(matchLabel('本年度预算', HEADER_FIELDS.budget)).toBe(MATCH_EXACT);
    expect(matchLabel('主管部门及代码', HEADER_FIELDS.department)).toBe(MATCH_EXACT);
    expect(matchLabel('项目名称', HEADER_FIELDS.department)).toBe(0);
  });
});

describe('findField', () => {
  it('reads `label: value` in a line', () => {
    const rows = documentRows(doc(line('单位名称: 武汉市洪山区医疗保障局')).blocks);
    expect(findField(rows, HEADER_FIELDS.unit)?.text).toBe('武汉市洪山区医疗保障局');
  });
  it('reads the next non-empty cell right of a merged label', () => {
    const rows = documentRows(doc(table([[{ t: '项目名称', cs: 2 }, '', '打击欺诈骗取医保', '项目代码', '']])).blocks);
    expect(findField(rows, HEADER_FIELDS.project_name)?.text).toBe('打击欺诈骗取医保');
    expect(findField(rows, HEADER_FIELDS.project_code)).toBeNull();
  });
  it('never takes another label as a value', () => {
    const rows = documentRows(doc(table([['主管部门', '', '实施单位', '']])).blocks);
    expect(findField(rows, HEADER_FIELDS.department)).toBeNull();
  });
  it('reads below a header label when asked', () => {
    const rows = documentRows(doc(table([['项目名称', '主管部门'], ['普法宣传', '司法局']])).blocks);
    expect(findField(rows, HEADER_FIELDS.department, { below: true })?.text).toBe('司法局');
  });
  it('joins a label torn over two cells', () => {
    const rows = documentRows(doc(table([['项目当', '年预算', '72.35']])).blocks);
    expect(findField(rows, HEADER_FIELDS.budget)?.text).toBe('72.35');
  });
  it('tries the next place a label stands when the first has no acceptable value', () => {
    const rows = documentRows(doc(table([['预算资金', '市']]), table([['预算资金', '20.00']])).blocks);
    expect(findField(rows, ['预算资金'], { accept: (t) => /\d/.test(t) })?.text).toBe('20.00');
  });
});

describe('label: value pairs run together in one line', () => {
  it('splits at known labels and keeps colons inside values', async () => {
    const { labelValuePairs } = await import('../../src/tables/index.js');
    expect(labelValuePairs('申报单位(盖章):韶关市武江区城市管理和综合执法局资金单位:元')).toEqual([
      { label: '申报单位(盖章)', value: '韶关市武江区城市管理和综合执法局' },
      { label: '资金单位', value: '元' },
    ]);
    expect(labelValuePairs('填表人:马晓燕联系电话:0938-8213647单位负责人:李建国').map((p) => p.label)).toEqual(['填表人', '联系电话', '单位负责人']);
    expect(labelValuePairs('2.购买服务: 审计费')).toEqual([{ label: '2.购买服务', value: '审计费' }]);
    expect(labelValuePairs('负责人: 赵新冬 审核人: 樊星光').map((p) => p.value)).toEqual(['赵新冬', '樊星光']);
  });
  it('findField reads the second pair of a line', () => {
    const rows = documentRows(doc(line('填报单位(盖章):天水市秦州区卫生健康局填报日期:2022年3月28日')).blocks);
    expect(findField(rows, HEADER_FIELDS.eval_time)?.text).toBe('2022年3月28日');
    expect(findField(rows, HEADER_FIELDS.unit)?.text).toBe('天水市秦州区卫生健康局');
  });
});
