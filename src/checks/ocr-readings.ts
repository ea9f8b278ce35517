/**
 * Flags that rest on OCR'd figures read with low confidence: say so in the message, and where
 * exactly one alternative reading of the printed digits (OCR_DIGIT_CONFUSIONS, or a decimal
 * point lost or added) makes the reported figure agree with the expected one, record it as
 * `alternative_reading`. What was on the page stays the reported value.
 */
import type { Flag, Provenance } from '../../schemas/record.js';
import { agrees, formatNumber, parseNumber, parseStrictNumber, roundTo } from '../text/numbers.js';
import { LOW_CONFIDENCE, OCR_DIGIT_CONFUSIONS } from './rules-data.js';

const SWAPS = new Map<string, string[]>();
for (const [a, b] of OCR_DIGIT_CONFUSIONS) {
  SWAPS.set(a, [...(SWAPS.get(a) ?? []), b]);
  SWAPS.set(b, [...(SWAPS.get(b) ?? []), a]);
}

/** Texts one OCR slip away from `raw`: one confusable digit swapped, or a decimal point moved in or out. */
export function alternativeTexts(raw: string): string[] {
  const out = new Set<string>();
  const chars = [...raw];
  chars.forEach((ch, i) => {
    for (const alt of SWAPS.get(ch) ?? []) out.add([...chars.slice(0, i), alt, ...chars.slice(i + 1)].join(''));
    if (ch === '.') out.add([...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
    else if (/\d/.test(ch) && /\d/.test(chars[i + 1] ?? '') && !chars.includes('.')) {
      out.add([...chars.slice(0, i + 1), '.', ...chars.slice(i + 1)].join(''));
    }
  });
  out.delete(raw);
  return [...out];
}

/** The OCR'd value the flag reports (low-confidence ones first): the ref whose raw text reads as the reported figure. */
function reportedRef(flag: Flag, reported: number): { ref: Provenance; scale: number } | null {
  const ocred = flag.refs.filter((r) => r.confidence !== undefined).sort((a, b) => (a.confidence ?? 1) - (b.confidence ?? 1));
  for (const ref of ocred) {
    const n = parseNumber(ref.raw);
    if (!n || n.value === 0) continue;
    const scale = reported / n.value; // 元 → 万元 and the like
    if (Number.isFinite(scale) && scale > 0 && Math.abs(Math.log10(scale) - Math.round(Math.log10(scale))) < 1e-9) return { ref, scale };
  }
  return null;
}

/**
 * A flag resting on OCR'd figures: when one was read with low confidence, or when one OCR slip
 * in the reported figure makes the figures agree, the flag becomes a `warning` that says so
 * (issue: a misreading must not be reported as a contradiction). Figures from a text layer or
 * plain text (no confidence) are left as they are.
 */
export function annotateOcrReading(flag: Flag): Flag {
  if (!flag.refs.some((r) => r.confidence !== undefined)) return flag;
  const lowest = Math.min(...flag.refs.map((r) => r.confidence ?? 1));
  let message = flag.low_confidence
    ? `${flag.message} (rests on an OCR reading of confidence ${formatNumber(lowest, 2)}: it may be a misreading rather than a misstatement)`
    : flag.message;
  const reported = parseStrictNumber(flag.reported);
  const expected = parseStrictNumber(flag.expected);
  let alternative: string | null = null;
  if (reported && expected) {
    const found = reportedRef(flag, reported.value);
    if (found) {
      const fits = alternativeTexts(found.ref.raw).flatMap((text) => {
        const n = parseNumber(text);
        if (!n) return [];
        const value = roundTo(n.value * found.scale, 10);
        return agrees(value, n.ulp * found.scale, expected.value, 0) ? [{ text, value }] : [];
      });
      if (fits.length === 1) {
        alternative = formatNumber(fits[0].value);
        message += flag.low_confidence
          ? `; read as '${fits[0].text}' instead of '${found.ref.raw}' the figures agree`
          : ` (OCR'd figure: read as '${fits[0].text}' instead of '${found.ref.raw}' the figures agree; it may be a misreading rather than a misstatement)`;
      }
    }
  }
  if (!flag.low_confidence && alternative == null) return flag;
  return { ...flag, severity: 'warning', message, alternative_reading: alternative };
}
