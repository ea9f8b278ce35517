import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cropImage, encodePng } from '../../src/image/index.js';
import { openRenderer, renderCrop } from '../../src/render/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const samples = path.resolve(here, '../../samples');
const fixtures = path.resolve(here, '../fixtures/pdf');
const load = (p: string) => new Uint8Array(readFileSync(p));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const scan = path.join(samples, 'tianshui-2021-self-eval-table-national-scan.pdf');

describe('openRenderer', () => {
  it('renders a page at the size page × dpi, white where nothing is drawn', async () => {
    const r = await openRenderer(load(path.join(fixtures, 'merged-table.pdf')));
    try {
      expect(r.pageCount).toBe(1);
      const size = await r.pageSize(1);
      for (const dpi of [72, 150]) {
        const { image, scale } = await r.renderPage(1, { dpi });
        expect(scale).toBeCloseTo(dpi / 72, 6);
        expect(Math.abs(image.width - size.width * scale)).toBeLessThanOrEqual(1);
        expect(Math.abs(image.height - size.height * scale)).toBeLessThanOrEqual(1);
        expect(image.data.length).toBe(image.width * image.height * 4);
        expect(Array.from(image.data.subarray(0, 4))).toEqual([255, 255, 255, 255]);
        // something dark was drawn (text, rules)
        let dark = 0;
        for (let j = 0; j < image.data.length; j += 4) if (image.data[j] < 100) dark++;
        expect(dark).toBeGreaterThan(100);
      }
      expect(await r.pageImage(1)).toBeNull(); // born-digital: not a scan
      await expect(r.renderPage(2, { dpi: 72 })).rejects.toThrow(/no page 2/);
    } finally {
      await r.close();
    }
  });

  (existsSync(scan) ? it : it.skip)('finds the embedded JPEG of a scanned page and its dpi', async () => {
    const r = await openRenderer(load(scan));
    try {
      const img = await r.pageImage(1);
      expect(img).not.toBeNull();
      expect(img!.dpi).toBeGreaterThan(195);
      expect(img!.dpi).toBeLessThan(205);
      expect(img!.image.width).toBeGreaterThan(1600);
      // upright, not mirrored: the title sits in the top part of the page
      const rowDark = (y0: number, y1: number) => {
        let n = 0;
        for (let y = y0; y < y1; y++) for (let x = 0; x < img!.image.width; x++) if (img!.image.data[(y * img!.image.width + x) * 4] < 90) n++;
        return n;
      };
      const h = img!.image.height;
      expect(rowDark(Math.round(h * 0.06), Math.round(h * 0.1))).toBeGreaterThan(rowDark(Math.round(h * 0.95), h));
    } finally {
      await r.close();
    }
    const crop = await renderCrop(load(scan), 1, { x0: 56, y0: 180, x1: 540, y1: 310 }, { highlight: [{ x0: 343, y0: 205, x1: 391, y1: 222 }] });
    expect(crop.subarray(0, 4).equals(PNG)).toBe(true);
  });
});

describe('PNG output', () => {
  it('encodes a bitmap and a crop with highlighted boxes', async () => {
    const img = { width: 4, height: 3, data: new Uint8ClampedArray(48).fill(200) };
    const png = await encodePng(img);
    expect(png.subarray(0, 4).equals(PNG)).toBe(true);
    expect(cropImage(img, { x0: 1, y0: 1, x1: 3, y1: 3 })).toMatchObject({ width: 2, height: 2 });
    const crop = await renderCrop(load(path.join(fixtures, 'merged-table.pdf')), 1, { x0: 50, y0: 50, x1: 300, y1: 200 }, {
      dpi: 100,
      highlight: [{ x0: 60, y0: 60, x1: 120, y1: 80 }],
    });
    expect(crop.subarray(0, 4).equals(PNG)).toBe(true);
  });
});
