/**
 * Scanned and outlined twins of part of the corpus (issue 10):
 *
 *   node dist/scripts/corpus/make-corpus.js --scan [--out corpus] [--per-family 3] [--outlined 4] [--only id,id]
 *
 * For each chosen born-digital filing `x` (three per family by default, chosen by a hash of the
 * doc_id, from both splits) it writes corpus/scan/x-scan.pdf: every page rendered by poppler
 * (pdftoppm, which substitutes fonts for a non-embedded CID font as a printer would; a ReportLab
 * document is first printed again with the current rl_draw.py, see printedSource) at 150, 200
 * or 300 dpi, red seals stamped over the unit's name and a figure (the total score or the
 * budget), turned by up to ±2° (some pages by 90° or 180°), paper tone and noise, a few pages as
 * a phone photo (true perspective, uneven light), JPEG quality 40–90, one image per page
 * (scripts/samples/scan/scan-pdf.ts). A few others become x-outlined.pdf: text drawn as outlines
 * (pdftocairo -svg, scripts/samples/scan/outline-pdf.ts). The expected record keeps the twin's
 * key figures (scripts/samples/scan/keys.ts); the manifest lists each with `twin_of` and how it
 * was scanned. Deterministic from the doc_id (the JPEG bytes depend on the canvas library).
 * `--only` rewrites just the listed twins (their own doc_ids); the others stay byte for byte.
 * `--noise lo-hi` (grey noise amplitude, default 2-6), `--specks n` (dark specks per megapixel,
 * default 40) and `--speck-side s` (their side in pixels, default 1) make a noisier set into a
 * copy of the corpus: the samples' scans (scripts/samples/scan) use noise ±8–14 and 2×2 specks
 * at 50 per megapixel, which at 300 dpi is 4.5 per square inch.
 * A larger --per-family or --outlined into a copy of the corpus gives further twins the parsers
 * were never tuned on (the first ones chosen stay the same).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { ingestPdf } from '../../src/ingest/pdf-text/index.js';
import { homography } from '../../src/image/preprocess/perspective.js';
import { keyFigures } from '../samples/scan/keys.js';
import { drawSeal, type SealStyle } from '../samples/scan/seal.js';
import { svgToPdfPage, writeVectorPdf } from '../samples/scan/outline-pdf.js';
import { writeImagePdf, type ImagePage } from '../samples/scan/scan-pdf.js';
import type { ManifestEntry } from './model.js';
import { reportlabPrint } from './render/producers.js';
import { Rand, hash32 } from './rand.js';

export interface ScanSpec {
  dpi: number;
  /** slight skew, degrees clockwise */
  angle: number;
  /** whole turn of every page: 0, 90 or 180 degrees clockwise */
  turn: 0 | 90 | 180;
  quality: number;
  noise: number;
  /** texts the seals are stamped over (first page where each is found) */
  seals: string[];
  phone: boolean;
  /** dark specks per megapixel and their side in pixels (added only when not the defaults) */
  specks?: { perMegapixel: number; side: number };
}

/** How noisy the scans are (`--noise`, `--specks`, `--speck-side`). */
export interface NoiseProfile {
  noise: [number, number];
  specksPerMegapixel: number;
  speckSide: number;
}

export const DEFAULT_NOISE: Readonly<NoiseProfile> = Object.freeze({ noise: [2, 6] as [number, number], specksPerMegapixel: 40, speckSide: 1 });

/** The scan of a doc_id, drawn from its hash; `phone` is decided by the caller (a few documents). */
export function scanSpec(docId: string, phone: boolean, sealTargets: string[], profile: NoiseProfile = DEFAULT_NOISE): ScanSpec {
  const r = new Rand(hash32(`${docId}:scan`));
  const dpi = r.pick([150, 200, 200, 300]);
  const angle = r.num(-2, 2, 2);
  const t = r.next();
  const turn: 0 | 90 | 180 = phone ? 0 : t < 0.12 ? 90 : t < 0.24 ? 180 : 0;
  const quality = r.int(40, 90);
  const noise = r.int(profile.noise[0], profile.noise[1]);
  const seals = sealTargets.filter(() => r.chance(0.8));
  const spec: ScanSpec = { dpi, angle, turn, quality, noise, seals, phone };
  if (profile.specksPerMegapixel !== DEFAULT_NOISE.specksPerMegapixel || profile.speckSide !== DEFAULT_NOISE.speckSide) {
    spec.specks = { perMegapixel: profile.specksPerMegapixel, side: profile.speckSide };
  }
  return spec;
}

export function scanKinds(s: ScanSpec): string[] {
  const k = [`scan-${s.dpi}dpi`, Math.abs(s.angle) >= 1 ? 'skew-1-2deg' : 'skew-under-1deg', s.quality < 60 ? 'jpeg-q40-59' : 'jpeg-q60-90'];
  if (s.turn) k.push(`turned-${s.turn}`);
  if (s.seals.length) k.push('red-seal');
  if (s.phone) k.push('phone-photo');
  if (s.specks) k.push(`specks-${s.specks.perMegapixel}-per-mpx`);
  return k;
}

const SEAL: SealStyle = { alpha: 0.75, color: 'rgb(220,30,40)', fontShare: 0.24, fontFamily: '"Noto Sans CJK SC", sans-serif', maxSpan: Math.PI * 1.4, spanPerChar: 0.32 };

/**
 * A phone photo of the sheet: a true perspective view (a projective map: straight lines stay
 * straight, as through a camera lens without distortion; each corner of the sheet moved inwards by
 * up to 6% of the image, the table around it a dark surface), with light falling off across the
 * page and a slightly warm tint. Bilinear sampling.
 */
function phoneEffect(d: Uint8ClampedArray, w: number, h: number, r: Rand): Uint8ClampedArray {
  const out = new Uint8ClampedArray(d.length);
  const k = () => 1.5 * r.num(0, 0.04, 3);
  // corner insets as fractions of width (c[0..3]) and height (c[4..7]): tl, tr, bl, br
  const c = [k(), k(), k(), k(), k(), k(), k(), k()];
  const lx = r.num(0.55, 0.8, 2);
  const W = w - 1, H = h - 1;
  // where the sheet's corners land in the photo (tl, tr, br, bl) → the page's own corners
  const sheet: [number, number][] = [[c[0] * W, c[4] * H], [W - c[1] * W, c[5] * H], [W - c[3] * W, H - c[7] * H], [c[2] * W, H - c[6] * H]];
  const page: [number, number][] = [[0, 0], [W, 0], [W, H], [0, H]];
  const m = homography(sheet, page);
  if (!m) throw new Error('phoneEffect: degenerate corners');
  for (let y = 0; y < h; y++) {
    const v = y / H;
    for (let x = 0; x < w; x++) {
      const u = x / W;
      const z = m[6] * x + m[7] * y + 1;
      const sx = (m[0] * x + m[1] * y + m[2]) / z, sy = (m[3] * x + m[4] * y + m[5]) / z;
      const j = (y * w + x) * 4;
      const light = lx + (1 - lx) * (1 - 0.6 * u - 0.4 * v + 0.3 * u * v);
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[j] = 70 * light;
        out[j + 1] = 68 * light;
        out[j + 2] = 60 * light;
      } else {
        const fx = sx - x0, fy = sy - y0;
        const i00 = (y0 * w + x0) * 4, i10 = i00 + 4, i01 = i00 + w * 4, i11 = i01 + 4;
        const at = (ch: number) => {
          const top = d[i00 + ch] + (d[i10 + ch] - d[i00 + ch]) * fx;
          const bot = d[i01 + ch] + (d[i11 + ch] - d[i01 + ch]) * fx;
          return top + (bot - top) * fy;
        };
        out[j] = at(0) * light;
        out[j + 1] = at(1) * light * 0.98;
        out[j + 2] = at(2) * light * 0.93;
      }
      out[j + 3] = 255;
    }
  }
  return out;
}

async function scanPdf(src: string, dest: string, spec: ScanSpec, docId: string): Promise<number> {
  const bytes = new Uint8Array(readFileSync(src));
  const ingested = await ingestPdf(bytes);
  const work = mkdtempSync(join(tmpdir(), 'jixiao-scan-'));
  const r = new Rand(hash32(`${docId}:noise`));
  const pages: ImagePage[] = [];
  try {
    execFileSync('pdftoppm', ['-r', String(spec.dpi), '-png', src, join(work, 'p')]);
    const files = readdirSync(work).filter((f) => f.endsWith('.png')).sort();
    const sealsLeft = [...spec.seals];
    for (let n = 0; n < files.length; n++) {
      const img = await loadImage(readFileSync(join(work, files[n])));
      const w = img.width, h = img.height;
      const scale = spec.dpi / 72;
      const paper = createCanvas(w, h);
      const pctx = paper.getContext('2d');
      pctx.drawImage(img, 0, 0);
      const words = ingested.pages[n]?.words ?? [];
      for (const target of [...sealsLeft]) {
        const word = words.find((wd) => wd.text.includes(target));
        if (!word) continue;
        sealsLeft.splice(sealsLeft.indexOf(target), 1);
        const cx = ((word.box.x0 + word.box.x1) / 2 + 12) * scale;
        const cy = ((word.box.y0 + word.box.y1) / 2 + 4) * scale;
        drawSeal(pctx, cx, cy, 0.55 * spec.dpi, ingested.pages[0]?.words.find((x) => /局|中心|站|所|馆/.test(x.text))?.text.slice(0, 14) ?? '财务专用章', SEAL);
      }
      const turned = spec.turn === 90;
      const ow = turned ? h : w, oh = turned ? w : h;
      const out = createCanvas(ow, oh);
      const ctx = out.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, ow, oh);
      ctx.translate(ow / 2, oh / 2);
      ctx.rotate(((spec.angle + spec.turn) * Math.PI) / 180);
      ctx.drawImage(paper, -w / 2, -h / 2);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      const px = ctx.getImageData(0, 0, ow, oh);
      let d = px.data;
      if (spec.phone) d = phoneEffect(d, ow, oh, r);
      for (let i = 0; i < d.length; i += 4) {
        const nz = (r.next() + r.next() - 1) * spec.noise;
        d[i] = d[i] * 0.97 + nz;
        d[i + 1] = d[i + 1] * 0.965 + nz;
        d[i + 2] = d[i + 2] * 0.95 + nz;
      }
      const speck = spec.specks ?? { perMegapixel: DEFAULT_NOISE.specksPerMegapixel, side: DEFAULT_NOISE.speckSide };
      const specks = Math.round((ow * oh * speck.perMegapixel) / 1e6);
      for (let k = 0; k < specks; k++) {
        const x = Math.floor(r.next() * ow), y = Math.floor(r.next() * oh);
        const v = 40 + r.next() * 80;
        for (let dy = 0; dy < speck.side; dy++) {
          for (let dx = 0; dx < speck.side; dx++) {
            const j = (Math.min(oh - 1, y + dy) * ow + Math.min(ow - 1, x + dx)) * 4;
            d[j] = d[j + 1] = d[j + 2] = v;
          }
        }
      }
      const id = ctx.createImageData(ow, oh);
      id.data.set(d);
      ctx.putImageData(id, 0, 0);
      pages.push({ jpeg: await out.encode('jpeg', spec.quality), widthPx: ow, heightPx: oh, widthPt: ow / scale, heightPt: oh / scale });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const pdf = writeImagePdf(pages);
  writeFileSync(dest + '.tmp', pdf);
  renameSync(dest + '.tmp', dest);
  return pdf.length;
}

function outlinedPdf(src: string, dest: string): number {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-outlined-'));
  try {
    const info = execFileSync('pdfinfo', [src], { encoding: 'utf8' });
    const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? '1');
    const pages = [];
    for (let n = 1; n <= count; n++) {
      const svg = join(work, `p${n}.svg`);
      execFileSync('pdftocairo', ['-svg', '-f', String(n), '-l', String(n), src, svg]);
      pages.push(svgToPdfPage(readFileSync(svg, 'utf8')));
    }
    const pdf = writeVectorPdf(pages);
    writeFileSync(dest + '.tmp', pdf);
    renameSync(dest + '.tmp', dest);
    return pdf.length;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The PDF a scan twin is made from. For ReportLab documents it is the document printed again with
 * the current rl_draw.py (whose font choice gives ≥ and ≤ a glyph; the committed born-digital PDF,
 * drawn before that fix, shows them as empty boxes, which no scan can read): rebuilt from the
 * corpus seed by `plan`, and refused unless its words (pdftotext, in order) equal the committed PDF's, so the
 * truth file stays that of the born-digital twin. Other producers: the committed PDF itself.
 */
async function printedSource(d: ManifestEntry, committed: string, rebuild: Rebuild, work: string): Promise<string> {
  if (d.producer !== 'reportlab') return committed;
  const n = Number(/^c(\d+)-/.exec(d.doc_id)?.[1] ?? NaN);
  const p = rebuild(n - 1);
  if (p.docId !== d.doc_id) throw new Error(`scan: the corpus seed does not rebuild ${d.doc_id} (got ${p.docId})`);
  const pdf = join(work, `${d.doc_id}.pdf`);
  reportlabPrint([{ doc: p.filing.doc, pdf }], work);
  // the words in reading order, spacing aside (a wider ≥ moves centred neighbours by a fraction of a point)
  const text = (f: string) => execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).split(/\s+/).join(' ');
  if (text(pdf) !== text(committed)) throw new Error(`scan: the reprint of ${d.doc_id} differs in its text from ${committed}`);
  return pdf;
}

const f2 = (x: unknown): string | null => (typeof x === 'number' ? x.toFixed(2) : null);

/** Rebuilds document i (0-based) of the corpus from its seed (make-corpus's `plan`, passed in: make-corpus imports this module). */
export type Rebuild = (i: number) => { docId: string; filing: { doc: Parameters<typeof reportlabPrint>[0][number]['doc'] } };

export async function makeScans(out: string, argv: string[], rebuild: Rebuild): Promise<void> {
  const arg = (name: string, dflt: string): string => {
    const k = argv.indexOf(name);
    return k >= 0 && argv[k + 1] ? argv[k + 1] : dflt;
  };
  const perFamily = Number(arg('--per-family', '3'));
  const [noiseLo, noiseHi] = arg('--noise', DEFAULT_NOISE.noise.join('-')).split('-').map(Number);
  const profile: NoiseProfile = {
    noise: [noiseLo, noiseHi ?? noiseLo],
    specksPerMegapixel: Number(arg('--specks', String(DEFAULT_NOISE.specksPerMegapixel))),
    speckSide: Number(arg('--speck-side', String(DEFAULT_NOISE.speckSide))),
  };
  const outlined = Number(arg('--outlined', '4'));
  // --only id,id: write only these twins (by their own doc_id, e.g. c018-national-reportlab-scan); the rest stay as they are
  const only = argv.includes('--only') ? new Set(arg('--only', '').split(',')) : null;
  const manifestPath = join(out, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { documents: ManifestEntry[]; seed?: number } & Record<string, unknown>;
  const work = mkdtempSync(join(tmpdir(), 'jixiao-reprint-'));
  const born = manifest.documents.filter((d) => !d.twin_of);
  const families = [...new Set(born.map((d) => d.family))].sort();
  const chosen: ManifestEntry[] = [];
  for (const fam of families) {
    const ds = born.filter((d) => d.family === fam && (d.pages ?? 1) <= 3).sort((a, b) => hash32(`${a.doc_id}:pick`) - hash32(`${b.doc_id}:pick`));
    chosen.push(...ds.slice(0, perFamily));
  }
  const rest = born.filter((d) => !chosen.includes(d) && d.family !== 'report').sort((a, b) => hash32(`${a.doc_id}:outline`) - hash32(`${b.doc_id}:outline`));
  const outl = rest.slice(0, outlined);
  mkdirSync(join(out, 'scan', 'expected'), { recursive: true });
  const entries = new Map(manifest.documents.map((e) => [e.doc_id, e]));
  const phoneSet = new Set(chosen.slice().sort((a, b) => hash32(`${a.doc_id}:phone`) - hash32(`${b.doc_id}:phone`)).slice(0, 4).map((d) => d.doc_id));
  let total = 0;
  try {
  for (const d of chosen) {
    if (only && !only.has(`${d.doc_id}-scan`)) continue;
    const src = await printedSource(d, join(out, d.split, `${d.doc_id}.pdf`), rebuild, work);
    const exp = JSON.parse(readFileSync(join(out, d.split, 'expected', `${d.doc_id}.json`), 'utf8'));
    const p0 = exp.projects?.[0] ?? {};
    const targets = [p0.unit, f2(p0.score_reported) ?? f2(p0.budget_wan)].filter((x): x is string => typeof x === 'string' && x !== '');
    const spec = scanSpec(d.doc_id, phoneSet.has(d.doc_id), targets, profile);
    const id = `${d.doc_id}-scan`;
    const size = await scanPdf(src, join(out, 'scan', `${id}.pdf`), spec, id);
    total += size;
    writeFileSync(join(out, 'scan', 'expected', `${id}.json`), JSON.stringify(keyFigures(exp, id), null, 2) + '\n');
    entries.set(id, { doc_id: id, family: d.family, producer: d.producer, split: d.split, kinds: scanKinds(spec), injected: d.injected, pages: d.pages, twin_of: d.doc_id, scan: { ...spec } });
    console.log(`${id}.pdf: ${(size / 1024).toFixed(0)} KB  ${scanKinds(spec).join(' ')}`);
  }
  for (const d of outl) {
    const id = `${d.doc_id}-outlined`;
    if (only && !only.has(id)) continue;
    const exp = JSON.parse(readFileSync(join(out, d.split, 'expected', `${d.doc_id}.json`), 'utf8'));
    const size = outlinedPdf(await printedSource(d, join(out, d.split, `${d.doc_id}.pdf`), rebuild, work), join(out, 'scan', `${id}.pdf`));
    total += size;
    writeFileSync(join(out, 'scan', 'expected', `${id}.json`), JSON.stringify(keyFigures(exp, id), null, 2) + '\n');
    entries.set(id, { doc_id: id, family: d.family, producer: d.producer, split: d.split, kinds: ['outlined-text'], injected: d.injected, pages: d.pages, twin_of: d.doc_id, scan: { outlined: true } });
    console.log(`${id}.pdf: ${(size / 1024).toFixed(0)} KB  outlined`);
  }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const documents = [...entries.values()].sort((a, b) => a.doc_id.localeCompare(b.doc_id));
  writeFileSync(manifestPath + '.tmp', JSON.stringify({ ...manifest, documents }, null, 2) + '\n');
  renameSync(manifestPath + '.tmp', manifestPath);
  console.log(`${only ? `${only.size} of ` : ''}${chosen.length} scans and ${outl.length} outlined documents written, ${(total / 1048576).toFixed(1)} MB, in ${join(out, 'scan')}`);
  void existsSync;
}
