/**
 * Issue 8, kind 6 at the layout stage: several forms in one PDF, one per page, each headed by
 * the same title (and `附件1` / `附件2`) in the top margin. The repeated title looks like a
 * running header, but a table opening with 项目名称 starts a new form: it is never joined
 * onto the table of the page before.
 */
import { describe, expect, it } from '@jest/globals';
import { layoutPages } from '../../src/layout/index.js';
import { gridRules, page, tables, word } from './helpers.js';

const XS = [50, 150, 300, 450];

/** A one-form page: margin line(s) at the top, a table from y=60 down to the page bottom. */
function formPage(n: number, name: string, top: string[], label = '项目名称') {
  const ys = [60, 90, 120, 780];
  const words = [
    ...top.map((t, k) => word(t, 50, 10 + k * 20)),
    word(label, 55, 70), word(name, 155, 70),
    word('一级指标', 55, 100), word('指标名称', 155, 100), word('指标值', 305, 100),
    word('产出指标', 55, 130), word(`${name}次数`, 155, 130), word('≥2次', 305, 130),
  ];
  return page(n, words, gridRules(XS, ys));
}

describe('a table opening a form is not a continuation', () => {
  it('two forms, the same title in the top margin of each page', () => {
    const doc = layoutPages([formPage(1, '医疗救助', ['项目支出绩效自评表']), formPage(2, '饮水安全', ['项目支出绩效自评表'])]);
    expect(tables(doc).map((t) => t.pages)).toEqual([[1], [2]]);
  });
  it('variant: 附件1 / 附件2 headings over the title, the second form opening with 项目(资金)名称', () => {
    const doc = layoutPages([
      formPage(1, '医疗救助', ['附件1', '2019年度项目支出绩效自评表']),
      formPage(2, '饮水安全', ['附件2', '2019年度项目支出绩效自评表'], '项目(资金)名称'),
    ]);
    expect(tables(doc).map((t) => t.pages)).toEqual([[1], [2]]);
  });
});
