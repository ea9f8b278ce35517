import { describe, expect, it } from '@jest/globals';
import { ingestPlainText } from '../../../src/ingest/plain-text/index.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('ingestPlainText', () => {
  it('makes one word per non-empty tab fragment, with line, column and box', () => {
    const doc = ingestPlainText(utf8('标题\r\n项目名称\t\t７２.３５\r\n\r\n\t指标值\t≧2次\n'));
    expect(doc.warnings).toEqual([]);
    expect(doc.pages).toHaveLength(1);
    const p = doc.pages[0];
    expect(p.number).toBe(1);
    expect(p.source).toBe('plain_text');
    expect(p.words.map((w) => [w.text, w.line, w.column])).toEqual([
      ['标题', 1, 0],
      ['项目名称', 2, 0],
      ['72.35', 2, 2],
      ['指标值', 4, 1],
      ['≥2次', 4, 2],
    ]);
    expect(p.words[2].box).toEqual({ x0: 200, y0: 20, x1: 300, y1: 30 });
    expect(p.words[3].box).toEqual({ x0: 100, y0: 40, x1: 200, y1: 50 });
  });

  it('records every tab as a vertical rule so trailing empty fragments still count', () => {
    const p = ingestPlainText(utf8('实施单位\t\n正文\n')).pages[0];
    expect(p.words).toHaveLength(2);
    expect(p.rules).toEqual([{ x0: 100, y0: 10, x1: 100, y1: 20 }]);
  });

  it('strips a UTF-8 BOM and normalizes spaces inside Chinese', () => {
    const p = ingestPlainText(utf8('\ufeff项目前两年预算及当 年预算变动情况\n')).pages[0];
    expect(p.words[0].text).toBe('项目前两年预算及当年预算变动情况');
  });

  it('falls back to GB18030/GBK with a warning', () => {
    // "项目名称\t金额\n" encoded in GBK
    const gbk = new Uint8Array([0xcf, 0xee, 0xc4, 0xbf, 0xc3, 0xfb, 0xb3, 0xc6, 0x09, 0xbd, 0xf0, 0xb6, 0xee, 0x0a]);
    const doc = ingestPlainText(gbk);
    expect(doc.pages[0].words.map((w) => w.text)).toEqual(['项目名称', '金额']);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/GB18030/);
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    expect(() => ingestPlainText(new Uint8Array([0x41, 0xff, 0xfe, 0xff]))).toThrow(/neither valid UTF-8 nor GB18030/);
  });

  it('refuses binary data', () => {
    expect(() => ingestPlainText(new Uint8Array([0x41, 0x00, 0x42]))).toThrow(/binary/);
  });
});
