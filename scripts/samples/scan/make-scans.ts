/**
 * Scanned and outlined versions of the born-digital samples, with their expected records.
 *
 *   npm run build && node dist/scripts/samples/scan/make-scans.js
 *   ONLY=tianshui-2021-self-eval-table-national-scan node dist/scripts/samples/scan/make-scans.js
 *
 * Scans: every page rendered with pdfjs at 150–300 dpi, turned by a slight angle, a red
 * seal (circle, star, text; multiplied over the page like ink) stamped over some figures,
 * grey noise and specks, JPEG-compressed, and written as one DCTDecode image per page in a
 * new PDF (scan-pdf.ts). Deterministic (seeded noise); the JPEG bytes depend on the canvas
 * library's encoder.
 *
 * Outlined: `pdftocairo -svg` (poppler-utils) turns each page's glyphs into path outlines;
 * outline-pdf.ts writes them back as filled paths (and the rules as strokes): a PDF with no
 * text layer that looks like the original.
 *
 * Expected records keep the born-digital twin's key figures only (keys.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { openRenderer } from '../../../src/render/index.js';
import { ingestPdf } from '../../../src/ingest/pdf-text/index.js';
import { drawSeal, type SealStyle } from './seal.js';
import { writeImagePdf } from './scan-pdf.js';
import { svgToPdfPage, writeVectorPdf } from './outline-pdf.js';
import { keyFigures } from './keys.js';

interface Seal {
  /** Page (1-based) and the printed text the seal's centre is put near. */
  page: number;
  near: string;
  /** Offset of the centre from that word's centre, in points. */
  dx: number;
  dy: number;
  text: string;
}

export interface ScanSpec {
  from: string;
  dpi: number;
  /** Degrees, positive clockwise. */
  angle: number;
  quality: number;
  noise: number;
  seals: Seal[];
}

export const SCANS: Record<string, ScanSpec> = {
  'tianshui-2021-self-eval-table-national-scan': {
    from: 'tianshui-2021-self-eval-table-national',
    dpi: 200,
    angle: 0.8,
    quality: 70,
    noise: 14,
    seals: [{ page: 1, near: '372.84', dx: 10, dy: 8, text: '天水市秦州区卫生健康局' }],
  },
  'jinzhong-2020-self-eval-table-rebuilt-scan': {
    from: 'jinzhong-2020-self-eval-table-rebuilt',
    dpi: 150,
    angle: -1.2,
    quality: 72,
    noise: 12,
    seals: [{ page: 4, near: '99.03', dx: 20, dy: -6, text: '晋中市医疗保障局' }],
  },
  'hongshan-2021-declaration-rebuilt-scan': {
    from: 'hongshan-2021-declaration-rebuilt',
    dpi: 300,
    angle: 0.4,
    quality: 45,
    noise: 8,
    seals: [],
  },
};

export const OUTLINED: Record<string, { from: string }> = {
  'tianshui-2021-self-eval-table-national-outlined': { from: 'tianshui-2021-self-eval-table-national' },
};

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEAL: SealStyle = { alpha: 0.78, color: 'rgb(225,25,35)', fontShare: 0.26, fontFamily: '"Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif', maxSpan: Math.PI * 1.35, spanPerChar: 0.34 };

async function makeScan(root: string, docId: string, spec: ScanSpec): Promise<number> {
  const srcPath = join(root, 'samples', `${spec.from}.pdf`);
  const bytes = new Uint8Array(readFileSync(srcPath));
  const ingested = await ingestPdf(bytes);
  const r = await openRenderer(bytes);
  const rand = rng(docId.length * 7919 + spec.dpi);
  const pages: { jpeg: Buffer; widthPx: number; heightPx: number; widthPt: number; heightPt: number }[] = [];
  try {
    for (let n = 1; n <= r.pageCount; n++) {
      const { image, scale, width, height } = await r.renderPage(n, { dpi: spec.dpi });
      const w = image.width, h = image.height;
      const src = createCanvas(w, h);
      const sctx = src.getContext('2d');
      const id = sctx.createImageData(w, h);
      id.data.set(image.data);
      sctx.putImageData(id, 0, 0);
      // seals before turning the page: they are part of the paper
      for (const seal of spec.seals.filter((s) => s.page === n)) {
        const word = ingested.pages[n - 1].words.find((wd) => wd.text.includes(seal.near));
        if (!word) throw new Error(`${docId}: '${seal.near}' not found on page ${n}`);
        const cx = ((word.box.x0 + word.box.x1) / 2 + seal.dx) * scale;
        const cy = ((word.box.y0 + word.box.y1) / 2 + seal.dy) * scale;
        drawSeal(sctx, cx, cy, 0.58 * spec.dpi, seal.text, SEAL);
      }
      const out = createCanvas(w, h);
      const ctx = out.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, w, h);
      ctx.translate(w / 2, h / 2);
      ctx.rotate((spec.angle * Math.PI) / 180);
      ctx.drawImage(src, -w / 2, -h / 2);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      // paper tone, grey noise, specks
      const px = ctx.getImageData(0, 0, w, h);
      const d = px.data;
      for (let i = 0; i < d.length; i += 4) {
        const nz = (rand() + rand() - 1) * spec.noise;
        d[i] = d[i] * 0.97 + nz;
        d[i + 1] = d[i + 1] * 0.965 + nz;
        d[i + 2] = d[i + 2] * 0.95 + nz;
      }
      const specks = Math.round((w * h) / 20000);
      for (let k = 0; k < specks; k++) {
        const x = Math.floor(rand() * w), y = Math.floor(rand() * h);
        const v = 40 + rand() * 80;
        for (let dy = 0; dy < 2; dy++) for (let dx = 0; dx < 2; dx++) {
          const j = (Math.min(h - 1, y + dy) * w + Math.min(w - 1, x + dx)) * 4;
          d[j] = d[j + 1] = d[j + 2] = v;
        }
      }
      ctx.putImageData(px, 0, 0);
      pages.push({ jpeg: await out.encode('jpeg', spec.quality), widthPx: w, heightPx: h, widthPt: width, heightPt: height });
    }
  } finally {
    await r.close();
  }
  const pdf = writeImagePdf(pages);
  writeFileSync(join(root, 'samples', `${docId}.pdf`), pdf);
  return pdf.length;
}

function makeOutlined(root: string, docId: string, from: string): number {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-outlined-'));
  try {
    const src = join(root, 'samples', `${from}.pdf`);
    const info = execFileSync('pdfinfo', [src], { encoding: 'utf8' });
    const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? '1');
    const pages = [];
    for (let n = 1; n <= count; n++) {
      const svg = join(work, `p${n}.svg`);
      execFileSync('pdftocairo', ['-svg', '-f', String(n), '-l', String(n), src, svg]);
      pages.push(svgToPdfPage(readFileSync(svg, 'utf8')));
    }
    const pdf = writeVectorPdf(pages);
    writeFileSync(join(root, 'samples', `${docId}.pdf`), pdf);
    return pdf.length;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function writeExpected(root: string, docId: string, from: string): void {
  const twin = JSON.parse(readFileSync(join(root, 'samples', 'expected', `${from}.json`), 'utf8'));
  writeFileSync(join(root, 'samples', 'expected', `${docId}.json`), JSON.stringify(keyFigures(twin, docId), null, 2) + '\n');
}

async function main(): Promise<void> {
  const root = resolve(process.env.SAMPLES_ROOT ?? process.cwd());
  const only = process.env.ONLY ? new Set(process.env.ONLY.split(',')) : null;
  mkdirSync(join(root, 'samples', 'expected'), { recursive: true });
  for (const [docId, spec] of Object.entries(SCANS)) {
    if (only && !only.has(docId)) continue;
    const size = await makeScan(root, docId, spec);
    writeExpected(root, docId, spec.from);
    console.log(`${docId}.pdf: ${(size / 1024).toFixed(0)} KB`);
  }
  for (const [docId, spec] of Object.entries(OUTLINED)) {
    if (only && !only.has(docId)) continue;
    const size = makeOutlined(root, docId, spec.from);
    writeExpected(root, docId, spec.from);
    console.log(`${docId}.pdf: ${(size / 1024).toFixed(0)} KB`);
  }
}

await main();
