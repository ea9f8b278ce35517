import { describe, expect, it } from '@jest/globals';
import { createCanvas } from '@napi-rs/canvas';
import type { RgbaImage } from '../../src/ocr/types.js';
import { binarize, deskew, detectRules, estimateSkew, suppressRed, unrotatePoint } from '../../src/ocr/index.js';
import { findLatticeTables } from '../../src/layout/index.js';

function bitmap(w: number, h: number, draw: (ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void): RgbaImage {
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  draw(ctx);
  const d = ctx.getImageData(0, 0, w, h).data;
  return { width: w, height: h, data: new Uint8ClampedArray(d) };
}

/** A page of text-like lines (dashes of dark bars) and a ruled table, turned by `angle` degrees clockwise. */
function page(angle: number): RgbaImage {
  const w = 800, h = 1000;
  return bitmap(w, h, (ctx) => {
    ctx.translate(w / 2, h / 2);
    ctx.rotate((angle * Math.PI) / 180);
    ctx.translate(-w / 2, -h / 2);
    ctx.fillStyle = '#111';
    for (let y = 80; y < 500; y += 28) for (let x = 80; x < 720; x += 22) if ((x * 7 + y) % 5) ctx.fillRect(x, y, 16, 14);
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 2;
    for (let y = 560; y <= 900; y += 40) { ctx.beginPath(); ctx.moveTo(80, y); ctx.lineTo(720, y); ctx.stroke(); }
    for (const x of [80, 300, 500, 720]) { ctx.beginPath(); ctx.moveTo(x, 560); ctx.lineTo(x, 880); ctx.stroke(); }
  });
}

const px = (img: RgbaImage, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));

describe('deskew', () => {
  it('recovers a known small angle within 0.2°', () => {
    for (const a of [0.7, -1.3]) {
      expect(Math.abs(estimateSkew(page(a)) - a)).toBeLessThanOrEqual(0.2);
    }
    expect(Math.abs(estimateSkew(page(0)))).toBeLessThanOrEqual(0.1);
  });

  it('turns the image straight (rules level again)', () => {
    const { image, angle } = deskew(page(1));
    expect(angle).toBeCloseTo(1, 0);
    const again = estimateSkew(image);
    expect(Math.abs(again)).toBeLessThanOrEqual(0.15);
    // a point turned back lands where it was
    const [x, y] = unrotatePoint(400, 500, 1, 800, 1000);
    expect([Math.round(x), Math.round(y)]).toEqual([400, 500]);
  });
});

describe('seal suppression', () => {
  it('removes red and keeps black, also black under the seal', () => {
    const img = bitmap(200, 200, (ctx) => {
      ctx.fillStyle = '#000';
      ctx.fillRect(20, 90, 160, 20); // print
      ctx.globalCompositeOperation = 'multiply';
      ctx.fillStyle = 'rgba(225,25,35,0.8)';
      ctx.beginPath();
      ctx.arc(100, 100, 60, 0, Math.PI * 2);
      ctx.fill(); // seal over it
    });
    expect(px(img, 100, 60)[0] - px(img, 100, 60)[1]).toBeGreaterThan(100); // red before
    const { image, redPixels } = suppressRed(img);
    expect(redPixels).toBeGreaterThan(5000);
    for (const [x, y] of [[100, 60], [60, 140], [140, 70]]) for (const v of px(image, x, y)) expect(v).toBeGreaterThan(235);
    for (const [x, y] of [[30, 100], [100, 100], [170, 100]]) for (const v of px(image, x, y)) expect(v).toBeLessThan(60);
  });
});

describe('binarization', () => {
  it('gives black text on white over uneven paper', () => {
    const img = bitmap(300, 100, (ctx) => {
      const g = ctx.createLinearGradient(0, 0, 300, 0);
      g.addColorStop(0, '#c8c8c8');
      g.addColorStop(1, '#fafafa');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, 300, 100);
      ctx.fillStyle = '#333';
      for (let x = 20; x < 280; x += 40) ctx.fillRect(x, 40, 20, 20);
    });
    const b = binarize(img, { dpi: 150 });
    const values = new Set<number>();
    for (let j = 0; j < b.data.length; j += 4) values.add(b.data[j]);
    expect([...values].sort((u, v) => u - v)).toEqual([0, 255]);
    expect(px(b, 30, 50)[0]).toBe(0);
    expect(px(b, 10, 10)[0]).toBe(255); // dark paper on the left stays white
    expect(px(b, 290, 90)[0]).toBe(255);
  });
});

describe('ruling lines from pixels', () => {
  it('finds a drawn grid and the lattice finder builds its cells', () => {
    const scale = 2; // 144 dpi
    const img = bitmap(1000, 700, (ctx) => {
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2;
      for (const y of [100, 200, 300, 400]) { ctx.beginPath(); ctx.moveTo(100, y); ctx.lineTo(900, y); ctx.stroke(); }
      for (const x of [100, 300, 500, 700, 900]) { ctx.beginPath(); ctx.moveTo(x, 100); ctx.lineTo(x, 400); ctx.stroke(); }
      ctx.fillStyle = '#000';
      ctx.font = '40px sans-serif';
      ctx.fillText('一二三 ——', 120, 170); // strokes that are not rules
      ctx.fillText('27.56', 320, 270);
    });
    const rules = detectRules(img, { scale });
    const h = rules.filter((r) => r.y0 === r.y1), v = rules.filter((r) => r.x0 === r.x1);
    expect(h).toHaveLength(4);
    expect(v).toHaveLength(5);
    for (const r of h) expect([50, 100, 150, 200].some((y) => Math.abs(r.y0 - y) <= 1)).toBe(true);
    const { tables } = findLatticeTables(1, [], rules);
    expect(tables).toHaveLength(1);
    expect([tables[0].table.nRows, tables[0].table.nCols]).toEqual([3, 4]);
  });
});
