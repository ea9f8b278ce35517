/**
 * Prose as one string over several lines, so that a sentence wrapped over a line break
 * or a page still matches, with every offset mapped back to the line it stands on.
 */
import type { SourceRef, TextLine } from '../../model/layout.js';
import type { Num, Text } from '../../../schemas/record.js';
import { normalizeText } from '../../text/normalize.js';
import { parseNumber, toWan } from '../../text/numbers.js';
import { numValue, textValue } from '../../model/values.js';
import { lineRef } from './grid.js';
import { MARKER_RE, MULTI_LEVEL_HEADING_RE } from './patterns.js';

/** A short numbered line (`1-3-1、资金情况分析`, `(1) 项目背景`) that does not end a sentence. */
export function isHeadingLine(t: string): boolean {
  return t.length <= 30 && (MARKER_RE.test(t) || MULTI_LEVEL_HEADING_RE.test(t)) && !/[。,，;；:：]/.test(t.slice(0, -1)) && !/[,，、]$/.test(t);
}

interface Segment {
  start: number;
  end: number;
  line: TextLine;
}

export class Prose {
  readonly text: string;
  private readonly segments: Segment[];

  constructor(lines: readonly TextLine[]) {
    let text = '';
    const segments: Segment[] = [];
    let prevHeading = false;
    for (const line of lines) {
      const t = normalizeText(line.text);
      if (!t) continue;
      // A heading is not part of the sentence after it; a wrapped line is.
      if (text && prevHeading) text += '\n';
      else if (text && /[A-Za-z0-9.%]$/.test(text) && /^[A-Za-z0-9]/.test(t)) text += ' ';
      prevHeading = isHeadingLine(t);
      segments.push({ start: text.length, end: text.length + t.length, line });
      text += t;
    }
    this.text = text;
    this.segments = segments;
  }

  get lines(): TextLine[] {
    return this.segments.map((s) => s.line);
  }

  /** The line at an offset of `text` (the previous one for a joining space). */
  lineAt(offset: number): TextLine | null {
    let found: Segment | null = null;
    for (const s of this.segments) {
      if (s.start <= offset) found = s;
      else break;
    }
    return found ? found.line : null;
  }

  refAt(offset: number): SourceRef {
    const line = this.lineAt(offset);
    return line ? lineRef(line) : {};
  }

  /** A Text for `text.slice(start, end)`, placed on the line where it begins. */
  textAt(start: number, end: number): Text {
    const raw = this.text.slice(start, end);
    return textValue(raw, this.refAt(start), raw);
  }
}

/** The offset of capture group `g` of a match (needs the `d` flag), or the match's start. */
export function groupStart(m: RegExpExecArray, g: number): number {
  return m.indices?.[g]?.[0] ?? m.index;
}

/** Run `re` on prose with match indices. */
export function execAt(re: RegExp, text: string, from = 0): RegExpExecArray | null {
  const flags = re.flags.includes('d') ? re.flags : re.flags + 'd';
  const r = new RegExp(re.source, flags.includes('g') ? flags : flags + 'g');
  r.lastIndex = from;
  return r.exec(text);
}

/** A number printed in prose (`15`, `99.9%`), with its line as provenance. */
export function proseNum(prose: Prose, raw: string, offset: number): Num | null {
  const p = parseNumber(raw);
  return p ? numValue(p, prose.refAt(offset), raw) : null;
}

/** An amount printed in prose with its unit (`40万元`), converted to 万元. */
export function proseMoney(prose: Prose, digits: string, unit: string, offset: number): Num | null {
  const p = parseNumber(digits);
  if (!p) return null;
  return numValue(toWan(p, unit === '元' ? '元' : '万元'), prose.refAt(offset), digits + unit);
}
