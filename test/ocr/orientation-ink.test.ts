/**
 * The orientation test before detection (src/image/preprocess/orientation.ts): which way a page
 * image lies, from its ink alone. Synthetic pages drawn here (Noto Sans CJK SC): prose with
 * punctuation, a table of figures, a sparse page; each upright and turned by 90°, 180° and 270°.
 * What is pinned: a named turn is the right one, an upright page is never named turned, a page
 * with too little text says nothing.
 */
import { describe, expect, it } from '@jest/globals';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { rotateQuarterTurns } from '../../src/image/preprocess/image.js';
import { findOrientation } from '../../src/image/preprocess/orientation.js';
import { turnsToTry } from '../../src/ocr/index.js';
import type { RgbaImage } from '../../src/image/index.js';

const CJK_FONT = 'Noto Sans CJK SC';
const HAS_CJK_FONT = GlobalFonts.families.some((f) => /^Noto Sans CJK/.test(f.family));
if (!HAS_CJK_FONT) {
  // eslint-disable-next-line no-console
  console.warn(`test/ocr/orientation-ink: no '${CJK_FONT}' font, tests skipped (install it with: apt-get install -y fonts-noto-cjk)`);
}
const fontIt = HAS_CJK_FONT ? it : it.skip;

type Draw = (ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>, s: number) => void;

/** An A4 page at `dpi` drawn by `draw` (points scaled by s), grey print, a little noise. */
function page(dpi: number, draw: Draw): RgbaImage {
  const s = dpi / 72;
  const w = Math.round(595 * s), h = Math.round(842 * s);
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fbfaf7';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#222';
  ctx.strokeStyle = '#222';
  ctx.lineWidth = Math.max(1, 0.6 * s);
  draw(ctx, s);
  const data = new Uint8ClampedArray(ctx.getImageData(0, 0, w, h).data);
  // deterministic specks (a scanner's dust)
  let seed = 7;
  for (let k = 0; k < 400; k++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const i = (seed % (w * h)) * 4;
    data[i] = data[i + 1] = data[i + 2] = 40;
  }
  return { width: w, height: h, data };
}

const PROSE = [
  '一、项目基本情况。本项目由县农业农村局组织实施，资金来源为中央财政衔接推进乡村振兴补助资金。',
  '二、绩效目标完成情况：全年完成高标准农田建设1,250.5亩，改善灌溉面积860亩，受益农户312户。',
  '三、资金使用情况。项目预算资金总额为583.20万元，实际到位583.20万元，执行率为100%。',
  '四、存在的问题：部分项目开工较晚，资金支付进度偏慢；后续管护机制有待健全。',
  '五、下一步措施。加强项目调度，落实管护责任，确保工程长期发挥效益，提高群众满意度。',
];

const prosePage: Draw = (ctx, s) => {
  ctx.font = `bold ${Math.round(16 * s)}px "${CJK_FONT}"`;
  ctx.fillText('2023年度项目支出绩效自评报告', 150 * s, 70 * s);
  ctx.font = `${Math.round(10.5 * s)}px "${CJK_FONT}"`;
  let y = 110;
  for (let rep = 0; rep < 3; rep++) {
    for (const para of PROSE) {
      // wrap at 34 characters
      for (let i = 0; i < para.length; i += 34) {
        ctx.fillText(para.slice(i, i + 34), 60 * s, y * s);
        y += 19;
      }
    }
  }
};

const tablePage: Draw = (ctx, s) => {
  ctx.font = `${Math.round(10.5 * s)}px "${CJK_FONT}"`;
  ctx.fillText('项目支出绩效自评表', 230 * s, 60 * s);
  const cols = [50, 170, 260, 350, 440, 545];
  const rows = 24;
  for (let r = 0; r <= rows; r++) {
    const y = (80 + r * 24) * s;
    ctx.beginPath();
    ctx.moveTo(cols[0] * s, y);
    ctx.lineTo(cols[5] * s, y);
    ctx.stroke();
  }
  for (const x of cols) {
    ctx.beginPath();
    ctx.moveTo(x * s, 80 * s);
    ctx.lineTo(x * s, (80 + rows * 24) * s);
    ctx.stroke();
  }
  const labels = ['年度资金总额', '其中：财政拨款', '上年结转资金', '其他资金', '产出数量', '产出质量', '产出时效', '经济效益', '社会效益', '满意度'];
  for (let r = 0; r < rows; r++) {
    const y = (97 + r * 24) * s;
    ctx.fillText(labels[r % labels.length], (cols[0] + 5) * s, y);
    ctx.fillText(`${(123.45 + r * 17.3).toFixed(2)}`, (cols[1] + 10) * s, y);
    ctx.fillText(`${(98.7 + r * 3.1).toFixed(1)}`, (cols[2] + 10) * s, y);
    ctx.fillText(`${(96 + (r % 5)) / 100}`.slice(0, 4), (cols[3] + 10) * s, y);
    ctx.fillText(`${r % 3 === 0 ? '10.00' : '5.50'}`, (cols[4] + 10) * s, y);
  }
};

const sparsePage: Draw = (ctx, s) => {
  ctx.font = `${Math.round(10.5 * s)}px "${CJK_FONT}"`;
  ctx.fillText('附件：', 60 * s, 100 * s);
  ctx.fillText('（盖章）2024年3月1日', 380 * s, 700 * s);
};

describe('findOrientation (a page image, before detection)', () => {
  for (const [name, draw, dpi] of [
    ['prose at 150 dpi', prosePage, 150],
    ['prose at 300 dpi', prosePage, 300],
    ['a table of figures at 200 dpi', tablePage, 200],
  ] as const) {
    fontIt(`${name}: each of the four turns is named, and named right (upright as upright)`, () => {
      const upright = page(dpi, draw);
      for (const q of [0, 1, 2, 3]) {
        const found = findOrientation(rotateQuarterTurns(upright, q), dpi);
        // the lines' direction is always clear on a page of text
        expect(found.lines).toBe(q % 2 ? 'down' : 'across');
        // turning the image back by (4 - q) quarters makes it upright
        expect(found.quarterTurns).toBe((4 - q) % 4);
      }
    });
  }

  fontIt('a sparse page says nothing', () => {
    for (const q of [0, 1, 2, 3]) {
      const found = findOrientation(rotateQuarterTurns(page(200, sparsePage), q), 200);
      expect(found.quarterTurns).toBeNull();
      expect(found.lines).toBeNull();
    }
  });

  it('a blank page says nothing', () => {
    const w = 1240, h = 1754;
    const blank = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4).fill(255) };
    expect(findOrientation(blank, 150)).toMatchObject({ quarterTurns: null, lines: null });
  });
});

describe('turnsToTry (what the OCR step reads first)', () => {
  const stats = { components: 0, characters: 100, charSize: 20, gapRatio: 10, dotsBefore: 0, dotsAfter: 0, factor: 1, ms: 0 };
  it('nothing before the page as it lies when it is upright or unsure', () => {
    expect(turnsToTry({ quarterTurns: 0, lines: 'across', stats })).toEqual([]);
    expect(turnsToTry({ quarterTurns: null, lines: 'across', stats })).toEqual([]);
    expect(turnsToTry({ quarterTurns: null, lines: null, stats })).toEqual([]);
  });
  it('upside down: the half turn', () => {
    expect(turnsToTry({ quarterTurns: 2, lines: 'across', stats })).toEqual([2]);
  });
  it('sideways: the named turn first, else the side with more dots, then the other', () => {
    expect(turnsToTry({ quarterTurns: 1, lines: 'down', stats })).toEqual([1, 3]);
    expect(turnsToTry({ quarterTurns: 3, lines: 'down', stats })).toEqual([3, 1]);
    expect(turnsToTry({ quarterTurns: null, lines: 'down', stats: { ...stats, dotsAfter: 3, dotsBefore: 2 } })).toEqual([1, 3]);
    expect(turnsToTry({ quarterTurns: null, lines: 'down', stats })).toEqual([3, 1]);
  });
});
