/**
 * report.html: the auditor's review report. One self-contained file (inline CSS and script,
 * page crops as data: URIs, a Content-Security-Policy that forbids any network access) that
 * opens from disk:
 *
 *  - run summary: documents by type and status, flags by code and severity, an SVG chart of
 *    reported against recomputed score per project (points off the diagonal in red);
 *  - filters (flag code, severity, document type, only documents with flags);
 *  - per document: header (doc_id, type, status, counts); its body (error, projects table,
 *    flags) is kept as JSON in a `<script type="application/json">` and rendered into the
 *    DOM when the section comes near the viewport, so a run of thousands of documents opens
 *    fast. Each flag shows code, severity, message, reported and expected side by side, the
 *    page, its sources (with OCR confidence where present) and the evidence: for PDFs a crop
 *    of each page involved with the boxes drawn; for text input the source lines around the
 *    referenced ones (or the referenced raw texts when the file is gone).
 *
 * Deterministic (documents sorted by doc_id, no clock) and written atomically.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LINKS_CSS, linksSection, PAIR_CODE_LABEL } from './links.js';
import { DOC_TYPES, FLAG_CODES, SEVERITIES, STATUSES, type DocumentRecord, type Flag, type Provenance } from '../../schemas/record.js';
import type { Box } from '../model/geometry.js';
import { decodePlainText } from '../ingest/plain-text/index.js';
import { num, text, writeAtomic } from '../emit/index.js';
import { gradeOf } from '../rules/scoring.js';
import { CSS, JS } from './assets.js';
import { embeddedFontCss } from './font.js';
export { warmUpFontSubset } from './font.js';
import { flagCropRequests, recordCropper, type Cropper } from './crop.js';

export {
  createPdfCropper,
  cropRegion,
  cropKey,
  flagCropRequests,
  renderDocumentCrops,
  documentCropsFromFile,
  recordCropper,
  cachedCropper,
  type Cropper,
  type PdfCropper,
  type CropOptions,
  type CropRequest,
  type CropSet,
} from './crop.js';

export const REPORT_FILE = 'report.html';

export interface ReportOptions {
  /** Page crops for PDF inputs; default: `recordCropper(records)` (each document's crops made from its file). Return null when a crop cannot be made. */
  cropper?: (sourceFile: string, page: number, boxes: Box[]) => Promise<Buffer | null>;
  /**
   * Crops are re-encoded as WebP to keep large reports small: 100 (default) is lossless (exact
   * pixels, about 40% smaller than PNG), lower values are lossy (90: about a third of the PNG);
   * null keeps the cropper's bytes as they are.
   */
  webpQuality?: number | null;
}

/** The crop as WebP at `quality` (100 = lossless); the original bytes when it cannot be decoded. */
async function toWebp(img: Buffer, quality: number): Promise<Buffer> {
  // already lossless WebP (crops made in the workers): nothing to gain by encoding it again
  if (quality === 100 && imageMime(img) === 'image/webp') return img;
  try {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const decoded = await loadImage(img);
    const canvas = createCanvas(decoded.width, decoded.height);
    canvas.getContext('2d').drawImage(decoded, 0, 0);
    const webp = await canvas.encode('webp', quality);
    return webp.length > 0 && webp.length < img.length ? webp : img;
  } catch {
    return img;
  }
}

/** Lines of context shown around each referenced line of a text input. */
const TEXT_CONTEXT = 2;
/** At most this many lines per flag excerpt. */
const TEXT_MAX_LINES = 40;

const TYPE_LABEL: Record<string, string> = {
  declaration: '申报表 declaration',
  self_eval_table: '自评表 self-evaluation table',
  self_eval_report: '自评报告 self-evaluation report',
  unknown: '未识别 unknown',
};

const CODE_LABEL: Record<string, string> = {
  BUDGET_SUM: '金额合计不符',
  EXEC_RATE: '执行率不符',
  FUNDS_SCORE: '资金得分不符',
  TOTAL_SCORE: '总分不符',
  SCORE_OVER_WEIGHT: '得分超分值',
  GRADE: '等级不符',
  CROSS_REF: '前后数据不一致',
  ENTITY: '单位/项目名称疑似套用',
  TARGET_MISSED: '指标未完成/缺实际值',
};

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function byDocId(a: DocumentRecord, b: DocumentRecord): number {
  return a.doc_id < b.doc_id ? -1 : a.doc_id > b.doc_id ? 1 : 0;
}

function imageMime(b: Buffer): string {
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return 'image/png';
}

const isPdf = (r: DocumentRecord) => r.text_source !== 'plain_text' && /\.pdf$/i.test(r.source_file);

// ---------------------------------------------------------------------------------------------
// Per-document body (the JSON the page renders lazily)

interface CropView {
  page: number;
  n: number;
  img: number | null;
}
interface SourceView {
  /** [line number, text, referenced?, raw strings to mark] */
  lines: [number, string, boolean, string[]][];
  missing?: string;
}
interface FlagView {
  code: string;
  severity: string;
  project_seq: number | null;
  field: string;
  reported: string | null;
  expected: string | null;
  message: string;
  page: number | null;
  low_confidence: boolean;
  refs: { page?: number; line?: number; raw: string; confidence?: number }[];
  crops?: CropView[];
  source?: SourceView;
  note?: string;
}

interface DocBody {
  error: string | null;
  projects: Record<string, string | number | null>[];
  flags: FlagView[];
  images: string[];
}

function projectView(r: DocumentRecord): DocBody['projects'] {
  return r.projects.map((p) => ({
    seq: p.seq,
    name: text(p.project_name),
    unit: text(p.unit),
    year: num(p.fiscal_year),
    budget: num(p.budget_wan),
    executed: num(p.executed_wan),
    rate_rep: num(p.execution_rate_reported),
    rate_rec: num(p.recomputed.execution_rate),
    score_rep: num(p.score_reported),
    score_rec: num(p.recomputed.score),
    grade_rep: gradeOf(p.grade_reported?.value) ?? text(p.grade_reported),
    grade_exp: p.recomputed.grade_expected ?? '',
    flags: r.flags.filter((f) => f.project_seq === p.seq).length,
  }));
}

function refView(p: Provenance): FlagView['refs'][number] {
  const v: FlagView['refs'][number] = { raw: p.raw };
  if (p.page != null) v.page = p.page;
  if (p.line != null) v.line = p.line;
  if (p.confidence != null) v.confidence = p.confidence;
  return v;
}

function sourceExcerpt(lines: string[] | null, refs: readonly Provenance[]): SourceView | undefined {
  const withLine = refs.filter((r) => r.line != null);
  if (withLine.length === 0) return undefined;
  if (!lines) {
    return {
      lines: [...withLine].sort((a, b) => a.line! - b.line!).map((r) => [r.line!, r.raw, true, [r.raw]]),
      missing: '（源文件不可读，仅显示引用文本 source file not readable: referenced text only）',
    };
  }
  const hits = new Map<number, string[]>();
  for (const r of withLine) hits.set(r.line!, [...(hits.get(r.line!) ?? []), r.raw]);
  const wanted = new Set<number>();
  for (const l of [...hits.keys()].sort((a, b) => a - b)) {
    for (let k = l - TEXT_CONTEXT; k <= l + TEXT_CONTEXT; k++) if (k >= 1 && k <= lines.length) wanted.add(k);
  }
  let nums = [...wanted].sort((a, b) => a - b);
  if (nums.length > TEXT_MAX_LINES) nums = nums.filter((k) => hits.has(k) || [...hits.keys()].some((h) => Math.abs(h - k) <= 1)).slice(0, TEXT_MAX_LINES);
  return {
    lines: nums.map((k) => {
      const raws = hits.get(k) ?? [];
      return [k, lines[k - 1] ?? '', raws.length > 0, raws.filter((s) => s.length > 0)];
    }),
  };
}

async function readTextLines(file: string, cache: Map<string, Promise<string[] | null>>): Promise<string[] | null> {
  let p = cache.get(file);
  if (!p) {
    p = readTextFile(file);
    cache.set(file, p);
    // a run can hold many text inputs: keep only a few files' lines
    if (cache.size > 8) cache.delete(cache.keys().next().value!);
  }
  return p;
}

async function readTextFile(file: string): Promise<string[] | null> {
  try {
    const bytes = await readFile(resolve(file));
    const t = decodePlainText(new Uint8Array(bytes), []).replace(/\r\n?/g, '\n').replace(/\f/g, '');
    return t.split('\n');
  } catch {
    return null;
  }
}

async function docBody(r: DocumentRecord, cropper: Cropper, textCache: Map<string, Promise<string[] | null>>, webpQuality: number | null): Promise<DocBody> {
  const images: string[] = [];
  const imageIndex = new Map<string, number>();
  const pdf = isPdf(r);
  const textLines = !pdf && r.flags.some((f) => f.refs.some((p) => p.line != null)) ? await readTextLines(r.source_file, textCache) : null;

  const flags: FlagView[] = [];
  for (const f of r.flags) {
    const v: FlagView = {
      code: f.code,
      severity: f.severity,
      project_seq: f.project_seq,
      field: f.field,
      reported: f.reported,
      expected: f.expected,
      message: f.message,
      page: f.page,
      low_confidence: f.low_confidence,
      refs: f.refs.map(refView),
    };
    if (pdf) {
      v.crops = [];
      // the reported value's page first, then the others in page order
      for (const { page, boxes } of flagCropRequests(f)) {
        let png: Buffer | null = null;
        try {
          png = await cropper(r.source_file, page, boxes);
        } catch {
          png = null;
        }
        let img: number | null = null;
        if (png && png.length > 0) {
          const h = createHash('sha256').update(png).digest('hex');
          if (!imageIndex.has(h) && webpQuality != null) png = await toWebp(png, webpQuality);
          img = imageIndex.get(h) ?? null;
          if (img == null) {
            img = images.length;
            images.push(`data:${imageMime(png)};base64,${png.toString('base64')}`);
            imageIndex.set(h, img);
          }
        }
        v.crops.push({ page, n: boxes.length, img });
      }
      if (v.crops.length === 0) v.note = '（该标记没有页面位置 no page position recorded for this flag）';
    } else {
      v.source = sourceExcerpt(textLines, f.refs);
    }
    flags.push(v);
  }
  return { error: r.error, projects: projectView(r), flags, images };
}

// ---------------------------------------------------------------------------------------------
// Summary

function countTable(title: string, rows: string[], cols: string[], count: (row: string, col: string) => number, rowLabel: (r: string) => string, colLabel: (c: string) => string): string {
  const body = rows
    .map((row) => {
      const cells = cols.map((c) => count(row, c));
      const total = cells.reduce((a, b) => a + b, 0);
      return `<tr><td>${esc(rowLabel(row))}</td>${cells.map((n) => `<td class="n">${n || ''}</td>`).join('')}<td class="n"><b>${total}</b></td></tr>`;
    })
    .join('');
  const totals = cols.map((c) => rows.reduce((a, row) => a + count(row, c), 0));
  const grand = totals.reduce((a, b) => a + b, 0);
  return `<div class="panel"><h2>${esc(title)}</h2><table><thead><tr><th></th>${cols.map((c) => `<th class="n">${esc(colLabel(c))}</th>`).join('')}<th class="n">合计 total</th></tr></thead><tbody>${body}<tr><td><b>合计 total</b></td>${totals.map((n) => `<td class="n"><b>${n}</b></td>`).join('')}<td class="n"><b>${grand}</b></td></tr></tbody></table></div>`;
}

function round(v: number, d = 2): string {
  return String(Math.round(v * 10 ** d) / 10 ** d);
}

function scoreChart(records: readonly DocumentRecord[], anchor: Map<string, string>): string {
  const pts: { x: number; y: number; label: string; href: string }[] = [];
  let skipped = 0;
  for (const r of records) {
    for (const p of r.projects) {
      const x = p.score_reported?.value;
      const y = p.recomputed.score;
      if (x == null || y == null || !Number.isFinite(x) || !Number.isFinite(y)) {
        if (x != null || y != null) skipped++;
        continue;
      }
      pts.push({ x, y, label: `${r.doc_id} #${p.seq}: 填报 reported ${num(x)} / 重算 recomputed ${num(y)}`, href: `#${anchor.get(r.doc_id)}` });
    }
  }
  const W = 420, H = 320, L = 44, B = 36, T = 12, R = 12;
  const vals = pts.flatMap((p) => [p.x, p.y]);
  let lo = vals.length ? Math.floor(Math.min(...vals) / 10) * 10 : 0;
  let hi = vals.length ? Math.ceil(Math.max(...vals) / 10) * 10 : 100;
  if (hi - lo < 10) {
    lo = Math.max(0, hi - 10);
    hi = lo + 10;
  }
  const sx = (v: number) => L + ((v - lo) / (hi - lo)) * (W - L - R);
  const sy = (v: number) => H - B - ((v - lo) / (hi - lo)) * (H - B - T);
  const ticks: number[] = [];
  const step = hi - lo > 50 ? 20 : hi - lo > 20 ? 10 : 2;
  for (let t = lo; t <= hi + 1e-9; t += step) ticks.push(t);
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${round(sx(t))}" y1="${T}" x2="${round(sx(t))}" y2="${H - B}" stroke="#eef1f5"/><line x1="${L}" y1="${round(sy(t))}" x2="${W - R}" y2="${round(sy(t))}" stroke="#eef1f5"/>` +
        `<text x="${round(sx(t))}" y="${H - B + 14}" text-anchor="middle">${t}</text><text x="${L - 6}" y="${round(sy(t) + 3)}" text-anchor="end">${t}</text>`,
    )
    .join('');
  let off = 0;
  // points on the diagonal first, so the off-diagonal ones are drawn on top
  const sorted = pts
    .map((p) => ({ ...p, off: Math.abs(p.x - p.y) > 0.005 }))
    .sort((a, b) => Number(a.off) - Number(b.off));
  const dots = sorted
    .map((p) => {
      if (p.off) off++;
      // one element per point (large runs): the script shows data-t as a tooltip and follows data-href on click
      return `<circle class="pt${p.off ? ' off' : ''}" cx="${round(sx(p.x))}" cy="${round(sy(p.y))}" r="${p.off ? 4.5 : 3}" data-href="${esc(p.href)}" data-t="${esc(p.label)}"/>`;
    })
    .join('');
  const svg =
    `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="reported vs recomputed score">` +
    grid +
    `<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - B - T}" fill="none" stroke="#c5ccd6"/>` +
    `<line class="diag" x1="${sx(lo)}" y1="${sy(lo)}" x2="${sx(hi)}" y2="${sy(hi)}"/>` +
    dots +
    `<text x="${(L + W - R) / 2}" y="${H - 4}" text-anchor="middle">填报得分 score reported</text>` +
    `<text transform="translate(11 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">重算得分 score recomputed</text>` +
    `</svg>`;
  const legend = pts.length
    ? `${pts.length} 个项目 projects · <b style="color:var(--err)">${off}</b> 个偏离对角线 off the diagonal${skipped ? ` · ${skipped} 个缺少一方 missing one value` : ''}`
    : '没有可比较的得分 no project has both scores';
  return `<div class="panel chart"><h2>得分：填报 vs 重算 Score reported vs recomputed</h2>${svg}<div class="legend">${legend}</div><div class="tip" id="chart-tip" hidden></div></div>`;
}

// ---------------------------------------------------------------------------------------------

/** The report's HTML text. */
export async function reportHtml(records: readonly DocumentRecord[], options: ReportOptions = {}): Promise<string> {
  const sorted = [...records].sort(byDocId);
  const cropper: Cropper = options.cropper ?? recordCropper(sorted);
  const anchor = new Map(sorted.map((r, i) => [r.doc_id, `doc-${i}`]));
  const textCache = new Map<string, Promise<string[] | null>>();

  try {
    const sections: string[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const r = sorted[i];
      const body = await docBody(r, cropper, textCache, options.webpQuality === undefined ? 100 : options.webpQuality);
      const flagAttr = r.flags.map((f) => `${f.code}:${f.severity}`).join(' ');
      const nErr = r.flags.filter((f) => f.severity === 'error').length;
      const nWarn = r.flags.length - nErr;
      const counts = [
        nErr ? `<span class="badge error">${nErr} 错误 error${nErr > 1 ? 's' : ''}</span>` : '',
        nWarn ? `<span class="badge warning">${nWarn} 警告 warning${nWarn > 1 ? 's' : ''}</span>` : '',
      ].join('');
      const meta = [
        `${r.projects.length} 个项目 project${r.projects.length === 1 ? '' : 's'}`,
        r.pages != null ? `${r.pages} 页 pages` : null,
        r.text_source,
        r.source_file,
      ]
        .filter(Boolean)
        .join(' · ');
      sections.push(
        `<section class="doc" id="doc-${i}" data-i="${i}" data-type="${esc(r.doc_type)}" data-status="${esc(r.status)}" data-flags="${esc(flagAttr)}" data-doc-id="${esc(r.doc_id)}">` +
          `<div class="dh"><span class="id">${esc(r.doc_id)}</span><span class="badge t">${esc(TYPE_LABEL[r.doc_type] ?? r.doc_type)}</span><span class="badge s-${esc(r.status)}">${esc(r.status)}</span>${counts}<span class="meta">${esc(meta)}</span></div>` +
          `<div class="body"></div></section>` +
          `<script type="application/json" id="d-${i}">${scriptJson(body)}</script>`,
      );
    }

    const flags: (Flag & { doc_type: string })[] = sorted.flatMap((r) => r.flags.map((f) => ({ ...f, doc_type: r.doc_type })));
    const typesPresent = DOC_TYPES.filter((t) => sorted.some((r) => r.doc_type === t));
    const codesPresent = FLAG_CODES.filter((c) => flags.some((f) => f.code === c));

    const docTable = countTable(
      '文件 Documents (type × status)',
      typesPresent.length ? [...typesPresent] : [],
      [...STATUSES],
      (t, s) => sorted.filter((r) => r.doc_type === t && r.status === s).length,
      (t) => TYPE_LABEL[t] ?? t,
      (s) => s,
    );
    const flagTable = codesPresent.length
      ? countTable(
          '标记 Flags (code × severity)',
          [...codesPresent],
          [...SEVERITIES],
          (c, s) => flags.filter((f) => f.code === c && f.severity === s).length,
          (c) => `${c} ${CODE_LABEL[c] ?? PAIR_CODE_LABEL[c] ?? ''}`,
          (s) => s,
        )
      : `<div class="panel"><h2>标记 Flags</h2><div class="empty">没有标记 no flags</div></div>`;

    const checkbox = (group: string, value: string, label: string, n: number) =>
      `<label><input type="checkbox" data-group="${group}" value="${esc(value)}" checked> ${esc(label)} <span class="meta">(${n})</span></label>`;
    const filters =
      `<div class="filters" id="filters">` +
      `<fieldset><legend>代码 Code</legend>${codesPresent.map((c) => checkbox('code', c, c, flags.filter((f) => f.code === c).length)).join('')}</fieldset>` +
      `<fieldset><legend>严重性 Severity</legend>${SEVERITIES.map((s) => checkbox('sev', s, s, flags.filter((f) => f.severity === s).length)).join('')}</fieldset>` +
      `<fieldset><legend>类型 Type</legend>${typesPresent.map((t) => checkbox('type', t, t, sorted.filter((r) => r.doc_type === t).length)).join('')}</fieldset>` +
      `<fieldset><label><input type="checkbox" id="only-flagged"> 仅显示有标记的文件 only documents with flags</label></fieldset>` +
      `<fieldset><button type="button" id="reset-filters">重置 reset</button><button type="button" id="render-all">全部展开 render all</button></fieldset>` +
      `<span class="count" id="shown"></span></div>`;

    // One CSS rule per filter value: hidden flags and documents follow the classes on <html>.
    const filterCss =
      FLAG_CODES.map((c) => `.h-code-${c} .flag[data-code="${c}"]`).join(',') +
      ',' +
      SEVERITIES.map((s) => `.h-sev-${s} .flag[data-severity="${s}"]`).join(',') +
      '{display:none}';

    const nErr = flags.filter((f) => f.severity === 'error').length;
    const sub = `${sorted.length} 份文件 documents · ${sorted.reduce((a, r) => a + r.projects.length, 0)} 个项目 projects · ${flags.length} 条标记 flags (${nErr} 错误 errors, ${flags.length - nErr} 警告 warnings)`;

    const head = (fontCss: string) =>
      `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>jixiao 绩效审阅报告 review report</title><style>${fontCss}${CSS}${filterCss}${LINKS_CSS}</style></head>\n<body>`;
    const body =
      `<header class="top"><h1>绩效审阅报告 · Budget-performance review</h1><div class="sub">${esc(sub)}</div></header><main>` +
      `<div class="summary">${docTable}${flagTable}${scoreChart(sorted, anchor)}</div>` +
      linksSection(sorted, anchor) +
      filters +
      `<div id="docs">\n${sections.join('\n')}\n</div></main>` +
      `<script>${JS}</script></body></html>\n`;
    // the embedded font holds every character of the page (its script's document bodies included)
    return head(await embeddedFontCss(head('') + body)) + body;
  } finally {
    /* nothing held: recordCropper frees each document's PDF when its crops are made */
  }
}

/** Write `<outDir>/report.html` atomically (temporary name in the same folder, then rename). */
export async function writeReport(outDir: string, records: DocumentRecord[], options: ReportOptions = {}): Promise<void> {
  await writeAtomic(join(outDir, REPORT_FILE), await reportHtml(records, options));
}
