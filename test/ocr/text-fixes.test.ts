import { describe, expect, it } from '@jest/globals';
import { fixOcrNeighbours, fixOcrText } from '../../src/ocr/index.js';
import { splitAtRules } from '../../src/ocr/text-fixes.js';

describe('fixOcrText', () => {
  it('reads a measure word PP-OCR took for a symbol after a number (个 as ↑), only there', () => {
    expect(['≥11↑', '11 ↑', '≥2↑/年', '↑11', '增长↑', '11↑次'].map(fixOcrText)).toEqual(['≥11个', '11 个', '≥2个/年', '↑11', '增长↑', '11↑次']);
  });
  it('reads a dash before or between ideographs as 一', () => {
    expect(fixOcrText('-级指标')).toBe('一级指标');
    expect(fixOcrText('—级指标')).toBe('一级指标');
    expect(fixOcrText('第-季度')).toBe('第一季度');
  });
  it('leaves real dashes alone', () => {
    expect(fixOcrText('—')).toBe('—');
    expect(fixOcrText('0938-8213647')).toBe('0938-8213647');
    expect(fixOcrText('2021-2022年')).toBe('2021-2022年');
    expect(fixOcrText('-5.2%')).toBe('-5.2%');
  });
  it('drops specks read as punctuation at the edges', () => {
    expect(fixOcrText('·普遍知晓·')).toBe('普遍知晓');
    expect(fixOcrText('. 70000')).toBe('70000');
    expect(fixOcrText('0.5')).toBe('0.5');
    expect(fixOcrText('买买提·艾力')).toBe('买买提·艾力');
  });
});

describe('fixOcrText on lone specks', () => {
  it('empties a word that is only a dot, keeps a lone dash (an empty cell’s mark)', () => {
    expect(fixOcrText('.')).toBe('');
    expect(fixOcrText('·')).toBe('');
    expect(fixOcrText('—')).toBe('—');
  });
});

describe('fixOcrText on quotes, o and label slips', () => {
  it('repairs what specks and thin strokes do to cells', () => {
    expect(fixOcrText("'8")).toBe('8');
    expect(fixOcrText('3.00 "')).toBe('3.00');
    expect(fixOcrText('" 3.00')).toBe('3.00');
    expect(fixOcrText('"')).toBe('');
    expect(fixOcrText('o')).toBe('0');
    expect(fixOcrText('绩效指标.(一级)')).toBe('绩效指标(一级)');
    expect(fixOcrText('级指标')).toBe('一级指标');
    expect(fixOcrText('二级指标')).toBe('二级指标');
    expect(fixOcrText('“满意”')).toBe('“满意”');
  });
  it('drops a speck read as a full stop at the edge of a cell’s text (noisy scans: make-corpus --scan --noise 8-14 --specks 50)', () => {
    expect(fixOcrText('.产出')).toBe('产出');
    expect(fixOcrText('68个.')).toBe('68个');
    expect(fixOcrText('94.64% .')).toBe('94.64%');
    expect(fixOcrText('健全.')).toBe('健全');
    // a figure's own point, a numbered heading and a point before digits (0.5 or 5?) stay
    expect(fixOcrText('94.64%')).toBe('94.64%');
    expect(fixOcrText('1.项目概况')).toBe('1.项目概况');
    expect(fixOcrText('.5')).toBe('.5');
  });
});

describe('fixOcrText on comparison symbols and decimals (PP-OCR on scans)', () => {
  it('reads a V opening a quantity as ≥, and closes the space after a decimal point', () => {
    expect(fixOcrText('V89%')).toBe('≥89%');
    expect(fixOcrText('V59万元')).toBe('≥59万元');
    expect(fixOcrText('V1.5 万元')).toBe('≥1.5 万元');
    expect(fixOcrText('V 24 次')).toBe('≥24 次');
    expect(fixOcrText('97. 13%')).toBe('97.13%');
    expect(fixOcrText('96. 8%')).toBe('96.8%');
  });
  it('leaves a V that is not a comparison, and prose dots, alone', () => {
    expect(fixOcrText('V2版系统升级')).toBe('V2版系统升级');
    expect(fixOcrText('VR设备')).toBe('VR设备');
    expect(fixOcrText('V89')).toBe('V89');
    expect(fixOcrText('完成。 2024年')).toBe('完成。 2024年');
  });
});

describe('fixOcrNeighbours', () => {
  const w = (text: string, x0: number, x1: number, y0 = 100, y1 = 112) => ({ text, box: { x0, y0, x1, y1 } });
  it('reads a lone V boxed apart before a number on its line as ≥', () => {
    expect(fixOcrNeighbours([w('V', 300, 306), w('24', 335, 348)])[0].text).toBe('≥');
    const out = fixOcrNeighbours([w('V', 300, 306), w('89', 309, 320), w('%', 321, 328)]);
    expect(out.map((x) => x.text)).toEqual(['≥', '89', '%']);
  });
  it('leaves a V with no number right after it on its line', () => {
    expect(fixOcrNeighbours([w('V', 300, 306), w('89', 360, 372)])[0].text).toBe('V');
    expect(fixOcrNeighbours([w('V', 300, 306), w('元', 310, 318), w('89', 320, 332)])[0].text).toBe('V');
    expect(fixOcrNeighbours([w('V', 300, 306), w('89', 309, 320, 130, 142)])[0].text).toBe('V');
    expect(fixOcrNeighbours([w('V', 300, 306), w('型号', 309, 330)])[0].text).toBe('V');
  });
});

describe('splitAtRules (a word box crossing a cell border)', () => {
  const rule = { x0: 203, y0: 100, x1: 203, y1: 400 };
  const word = (text: string, x0: number, x1: number) => ({ text, box: { x0, y0: 350, x1, y1: 361 } });
  it('clips a box that reaches less than a character over the border, keeping its text', () => {
    const out = splitAtRules([word('资金拨付及时率', 194.6, 265.9)], [rule]);
    expect(out).toEqual([word('资金拨付及时率', 203, 265.9)]);
  });
  it('cuts a box that holds two cells\u2019 texts at the border', () => {
    const out = splitAtRules([word('15.64动延期,下年度加', 173.3, 274.4)], [rule]);
    expect(out.map((w) => w.text)).toEqual(['15.64', '动延期,下年度加']);
    expect(out[0].box.x1).toBe(203);
    expect(out[1].box.x0).toBe(203);
  });
  it('leaves words alone that no rule crosses, or that a horizontal rule or a rule above meets', () => {
    const ws = [word('覆盖行政村个数', 210, 290)];
    expect(splitAtRules(ws, [rule])).toEqual(ws);
    expect(splitAtRules([word('资金拨付及时率', 150, 265.9)], [{ x0: 100, y0: 355, x1: 300, y1: 355 }, { x0: 203, y0: 0, x1: 203, y1: 300 }])).toEqual([word('资金拨付及时率', 150, 265.9)]);
  });
});
