/** Matching of header labels, value lines and placeholder names (data in torn-columns.ts). */
import { normalizeText } from '../../text/normalize.js';
import {
  HEADER_GROUPS,
  PLACEHOLDER_PATTERNS,
  SECTION_ROW_PATTERN,
  VALUE_LINE_PATTERNS,
  type HeaderGroup,
} from './torn-columns.js';
import type { Row } from './lines.js';

/** Label comparison key: normalized, no white space, no trailing colon. */
export function labelKey(s: string): string {
  return normalizeText(s).replace(/\s+/g, '').replace(/[:：]+$/, '');
}

const GROUP_KEYS: { group: HeaderGroup; labels: Set<string>; captions: Set<string> }[] = HEADER_GROUPS.map((g) => ({
  group: g,
  labels: new Set(g.labels.map(labelKey)),
  captions: new Set((g.captions ?? []).map(labelKey)),
}));

export interface HeaderMatch {
  group: HeaderGroup;
  /** Label keys of the row found in the group (captions included). */
  keys: Set<string>;
  /** True when every non-empty cell of the row is a label of the group (no caption, nothing else). */
  pure: boolean;
}

/** Groups whose labels the row carries (at least `min` cells), best first. */
export function headerMatches(row: Row, min: number): HeaderMatch[] {
  const out: HeaderMatch[] = [];
  for (const g of GROUP_KEYS) {
    const keys = new Set<string>();
    let labelCells = 0;
    for (const c of row.cells) {
      const k = labelKey(c.text);
      if (g.labels.has(k)) {
        keys.add(k);
        labelCells++;
      } else if (g.captions.has(k)) keys.add(k);
    }
    if (keys.size >= min) out.push({ group: g.group, keys, pure: labelCells === row.cells.length && labelCells > 0 });
  }
  return out.sort((a, b) => b.keys.size - a.keys.size);
}

/** Groups of which the text (one label alone on a line) is a label. */
export function groupsOfLabel(text: string): HeaderGroup[] {
  const k = labelKey(text);
  return GROUP_KEYS.filter((g) => g.labels.has(k)).map((g) => g.group);
}

export function isValueText(text: string): boolean {
  const s = normalizeText(text).replace(/\s+/g, '');
  return VALUE_LINE_PATTERNS.some((re) => re.test(s));
}

export function isPlaceholder(text: string): boolean {
  const s = normalizeText(text).replace(/\s+/g, '');
  return s === '' || PLACEHOLDER_PATTERNS.some((re) => re.test(s));
}

/** A row naming something: its rightmost cell is not a template placeholder. */
export function isNamedRow(row: Row): boolean {
  const own = row.cells.filter((c) => !c.attached);
  const last = own[own.length - 1];
  return !!last && !isPlaceholder(last.text);
}

/** A row that only heads a section: one cell ending with a colon (`投入:`). */
export function isSectionRow(row: Row): boolean {
  const own = row.cells.filter((c) => !c.attached);
  return own.length === 1 && SECTION_ROW_PATTERN.test(own[0].text);
}
