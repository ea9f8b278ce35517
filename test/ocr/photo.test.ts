/**
 * Phone photos (src/image/preprocess/perspective.ts, light.ts): a sheet photographed on a dark
 * table, turned and shrunk, lit from one side, is mapped flat onto the whole image and its
 * light evened out; flatbed scans are left alone.
 */
import { describe, expect, it } from '@jest/globals';
import { createCanvas } from '@napi-rs/canvas';
import type { RgbaImage } from '../../src/ocr/types.js';
import { correctPerspective, detectRules, evenLight } from '../../src/ocr/index.js';

const W = 600, H = 800;

/** The page: white, a ruled table (5 rows, 3 columns) and a black square at (100..120, 60..80). */
function drawPage(ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#000';
  ctx.fillRect(100, 60, 20, 20);
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 2;
  for (let y = 200; y <= 600; y += 100) { ctx.beginPath(); ctx.moveTo(60, y); ctx.lineTo(540, y); ctx.stroke(); }
  for (const x of [60, 220, 380, 540]) { ctx.beginPath(); ctx.moveTo(x, 200); ctx.lineTo(x, 600); ctx.stroke(); }
}

function image(draw: (ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void): RgbaImage {
  const c = createCanvas(W, H);
  const ctx = c.getContext('2d');
  draw(ctx);
  return { width: W, height: H, data: new Uint8ClampedArray(ctx.getImageData(0, 0, W, H).data) };
}

/** The page photographed: on a dark table, turned by `deg`, shrunk to `k`, light falling off to the right. */
function photo(deg: number, k: number, falloff: number): RgbaImage {
  const img = image((ctx) => {
    ctx.fillStyle = 'rgb(60,58,52)';
    ctx.fillRect(0, 0, W, H);
    ctx.translate(W / 2, H / 2);
    ctx.rotate((deg * Math.PI) / 180);
    ctx.scale(k, k);
    ctx.translate(-W / 2, -H / 2);
    drawPage(ctx);
  });
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const j = (y * W + x) * 4, f = 1 - falloff * (x / W);
    for (let c = 0; c < 3; c++) img.data[j + c] = img.data[j + c] * f;
  }
  return img;
}

const lum = (img: RgbaImage, x: number, y: number) => { const j = (Math.round(y) * img.width + Math.round(x)) * 4; return (img.data[j] + img.data[j + 1] + img.data[j + 2]) / 3; };

describe('perspective correction of a photographed sheet', () => {
  it('maps the sheet onto the whole image: the mark and the table come back where the page has them', () => {
    const r = correctPerspective(photo(1.5, 0.9, 0));
    expect(r.corrected).toBe(true);
    // the black square's centre is dark again at its page position, paper around it white
    expect(lum(r.image, 110, 70)).toBeLessThan(80);
    expect(lum(r.image, 110, 110)).toBeGreaterThan(200);
    const rules = detectRules(r.image, { scale: 1 });
    const horizontal = rules.filter((l) => l.y0 === l.y1 && l.x1 - l.x0 > 400);
    expect(horizontal.length).toBe(5);
    for (const [i, l] of horizontal.sort((a, b) => a.y0 - b.y0).entries()) expect(Math.abs(l.y0 - (200 + 100 * i))).toBeLessThanOrEqual(4);
  });
  it('leaves a flatbed scan (paper to the border) alone', () => {
    const flat = image(drawPage);
    const r = correctPerspective(flat);
    expect(r.corrected).toBe(false);
    expect(r.image).toBe(flat);
  });
});

describe('evening out uneven light', () => {
  it('brings paper lit from one side back to white and keeps ink dark', () => {
    const lit = image((ctx) => drawPage(ctx));
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
      const j = (y * W + x) * 4, f = 1 - 0.45 * (x / W);
      for (let c = 0; c < 3; c++) lit.data[j + c] = lit.data[j + c] * f;
    }
    expect(lum(lit, 560, 700)).toBeLessThan(150);
    const r = evenLight(lit);
    expect(r.corrected).toBe(true);
    expect(lum(r.image, 560, 700)).toBeGreaterThan(235);
    expect(lum(r.image, 40, 700)).toBeGreaterThan(235);
    expect(lum(r.image, 110, 70)).toBeLessThan(40);
  });
  it('leaves an evenly lit page alone', () => {
    const flat = image(drawPage);
    expect(evenLight(flat).corrected).toBe(false);
  });
});
