/**
 * The report's own Chinese font, so report.html reads the same on a machine with no CJK font
 * (a fresh server, a container, a locked-down laptop): a subset of Noto Sans SC (regular,
 * SIL Open Font License 1.1) holding just the characters the report uses, embedded as
 * data: URLs in @font-face rules. No network, no file beside the report.
 *
 * Source: the woff2 files of `@fontsource/noto-sans-sc`, which split the font by
 * unicode-range (its `400.css` says which file holds which characters). Each file that holds
 * some of the report's characters is cut down with `subset-font` (harfbuzz compiled to
 * WebAssembly) and becomes one @font-face of the family `EMBEDDED_FONT_FAMILY` with the
 * unicode-range of the characters it now holds. Bold text (600) is synthesized by the browser
 * from the regular face, so only one weight is carried.
 *
 * The subsets are embedded as plain TrueType (`SUBSET_FORMAT`), not recompressed: WOFF2's
 * Brotli encoder (WebAssembly) cost more than everything else the font takes. Measured on the
 * report of 105 born-digital documents (353 characters, 21 faces), one cold process each:
 * woff2 860–880 ms of CPU and 88 KB of @font-face CSS; woff 510–520 ms, 117 KB; truetype
 * 386–392 ms, 155 KB (of a 7.7 MB report). After a warm-up in the same process: 247, 80 and
 * 31–36 ms.
 *
 * Deterministic: the same text gives the same CSS bytes.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** subset-font (harfbuzz, woff2 in WebAssembly), loaded when a report is made, not with this module (the CLI imports it but makes the report on its thread). */
let subsetter: Promise<typeof import('subset-font').default> | undefined;
function loadSubsetFont() {
  subsetter ??= import('subset-font').then((m) => m.default);
  return subsetter;
}

/** How the subsets are embedded: `subset-font`'s target format, and the data: URL's media type and CSS format() (see the header). */
const SUBSET_FORMAT = { target: 'truetype', mime: 'font/ttf', css: 'truetype' } as const;

/** The family name the report's CSS puts first in its font stacks. */
export const EMBEDDED_FONT_FAMILY = 'jixiao Noto Sans SC';

interface Face {
  /** woff2 file of the package */
  file: string;
  /** inclusive code point ranges */
  ranges: [number, number][];
}

let faces: Promise<Face[]> | null = null;

/** The faces of @fontsource/noto-sans-sc's regular weight, in its CSS order. */
function fontsourceFaces(): Promise<Face[]> {
  faces ??= (async () => {
    const css = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css');
    const text = await readFile(css, 'utf8');
    const out: Face[] = [];
    const re = /src:\s*url\(\.\/files\/([^)]+?\.woff2)\)[^;]*;\s*unicode-range:\s*([^;]+);/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const ranges = m[2].split(',').map((r): [number, number] => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(a, 16), parseInt(b ?? a, 16)];
      });
      out.push({ file: join(dirname(css), 'files', m[1]), ranges });
    }
    if (out.length === 0) throw new Error(`no @font-face with a woff2 file and unicode-range in ${css}`);
    return out;
  })();
  return faces;
}

let lookup: { faces: Face[]; first: Int16Array } | null = null;

/**
 * For every code point of the Basic Multilingual Plane, the index of the first face whose
 * unicode-range holds it (-1: none); built once per process (128 KB).
 */
function faceLookup(list: Face[]): Int16Array {
  if (lookup?.faces === list) return lookup.first;
  const first = new Int16Array(0x10000).fill(-1);
  for (let i = list.length - 1; i >= 0; i--) {
    for (const [a, b] of list[i].ranges) for (let cp = Math.max(0, a); cp <= Math.min(b, 0xffff); cp++) first[cp] = i;
  }
  lookup = { faces: list, first };
  return first;
}

/** `U+4e00-4e01,U+4e03` for sorted code points. */
function unicodeRange(cps: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cps.length; ) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j] + 1) j++;
    const hex = (n: number) => n.toString(16);
    parts.push(i === j ? `U+${hex(cps[i])}` : `U+${hex(cps[i])}-${hex(cps[j])}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * @font-face rules (CSS text) embedding the glyphs of every character of `text` that Noto
 * Sans SC has (ASCII included, so a report looks the same everywhere), as TrueType data: URLs.
 * Characters the font lacks are left to the rest of the font stack. Empty text → ''.
 */
export async function embeddedFontCss(text: string): Promise<string> {
  // the page's code points (the text is the whole report, crops included: megabytes), read
  // by UTF-16 unit with surrogate pairs joined as `for…of` would; a lone surrogate counts as itself
  const seen = new Uint8Array(0x110000);
  const wanted: number[] = [];
  for (let i = 0, n = text.length; i < n; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (cp > 0x20 && cp !== 0x7f && seen[cp] === 0) {
      seen[cp] = 1;
      wanted.push(cp);
    }
  }
  if (wanted.length === 0) return '';
  const list = await fontsourceFaces();
  // each character to the first face (CSS order) whose unicode-range holds it
  const byFace: number[][] = list.map(() => []);
  const first = faceLookup(list);
  for (const cp of wanted) {
    const i = cp < first.length ? first[cp] : list.findIndex((f) => f.ranges.some(([a, b]) => cp >= a && cp <= b));
    if (i >= 0) byFace[i].push(cp);
  }
  const subsetFont = await loadSubsetFont();
  const rules: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const face = list[i];
    const mine = byFace[i];
    if (mine.length === 0) continue;
    mine.sort((a, b) => a - b);
    const font = await subsetFont(await readFile(face.file), String.fromCodePoint(...mine), { targetFormat: SUBSET_FORMAT.target });
    rules.push(
      `@font-face{font-family:"${EMBEDDED_FONT_FAMILY}";font-style:normal;font-weight:400;font-display:block;` +
        `src:url(data:${SUBSET_FORMAT.mime};base64,${font.toString('base64')}) format("${SUBSET_FORMAT.css}");unicode-range:${unicodeRange(mine)}}`,
    );
  }
  return rules.join('\n');
}

/**
 * Characters whose subsetting exercises what a report's does: ASCII (the Latin face) and
 * common characters of the filings (CJK faces). Any text would do for correctness.
 */
const WARM_UP_TEXT = 'Aa0 项目绩效自评表申报目标资金预算';

/**
 * Make the font subsetter ready ahead of the first report: loads subset-font, compiles and
 * instantiates its WebAssembly (harfbuzz; woff2 to read the package's files) and runs it once on `WARM_UP_TEXT` (result
 * discarded), so that V8 has the hot WebAssembly functions optimized by the time a report is
 * made. For a thread that is idle until then (the batch's report thread, started while the
 * documents run). Changes no output: `embeddedFontCss` gives the same CSS for the same text
 * either way. Never rejects.
 *
 * Measured (105 born-digital documents' report text, one process): `embeddedFontCss` 386–392
 * ms of CPU cold → 31–36 ms after a warm-up (when the subsets were woff2: 918 → 272–302 ms,
 * the warm-up itself 520–690 ms).
 */
export async function warmUpFontSubset(): Promise<void> {
  try {
    await embeddedFontCss(WARM_UP_TEXT);
  } catch {
    /* the report will report it */
  }
}

