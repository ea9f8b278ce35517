/**
 * Indicator tables (绩效指标 / 年度绩效指标 / 绩效目标实现情况), shared by the declaration
 * and self-evaluation parsers: header columns by label, level-1/level-2 categories carried
 * down merged or blank cells, rows torn off their columns re-aligned by content.
 */
import type { Indicator, Num, Text } from '../../../schemas/record.js';
import { numFrom, textOrNull, textValue } from '../../model/values.js';
import { normalizeText } from '../../text/normalize.js';
import { COLUMN_LABELS, STOP_LABELS } from '../../vocabulary/fields.js';
import { EMPTY_VALUE, INDICATOR_KIND_WORDS, LEVEL1_CATEGORIES, LEVEL2_CATEGORIES, NAME_NUMBERING, PLACEHOLDER_NAME, SCORING_SECTIONS } from '../../vocabulary/categories.js';
import { labelWeight, matchLabel, normalizeLabel, withoutWeight } from '../../vocabulary/match.js';
import {
  interludeEnd,
  isKnownLabel,
  isPageNoise,
  mapColumns,
  mergeRows,
  ownCellIn,
  ownCells,
  readRoles,
  roleCount,
  type ColumnMap,
  type Row,
  type RowCell,
} from '../../tables/index.js';

export const INDICATOR_ROLES = {
  level1: COLUMN_LABELS.level1,
  level2: COLUMN_LABELS.level2,
  name: COLUMN_LABELS.name,
  target: COLUMN_LABELS.target,
  actual: COLUMN_LABELS.actual,
  weight: COLUMN_LABELS.weight,
  score: COLUMN_LABELS.score,
  note: COLUMN_LABELS.note,
  nature: COLUMN_LABELS.nature,
  unit_of_measure: COLUMN_LABELS.unit_of_measure,
  progress: COLUMN_LABELS.progress,
} as const;
export type IndicatorRole = keyof typeof INDICATOR_ROLES;

/** A value cell rather than a name: `100%`, `≥2次`, `3`, `70000`, `≤60分钟`. */
export function isValueLike(text: string): boolean {
  const t = normalizeText(text).replace(/\s+/g, '');
  return /^[≥≤<>=＞＜≈]?[-+]?[\d.,]+(%|‰|[\u4e00-\u9fff]{0,3})?$/u.test(t);
}

/** Is a level-1 label a section scoring how the project was run (项目决策, 项目管理)? */
export function isScoringSection(text: string | null | undefined): boolean {
  const n = text ? norm(text) : '';
  return n !== '' && SCORING_SECTIONS.some((s) => normalizeLabel(s) === n);
}

function norm(text: string): string {
  return normalizeLabel(withoutWeight(text));
}

const L1 = new Set<string>();
const L2 = new Set<string>();
function level1Of(text: string): boolean {
  if (L1.size === 0) for (const c of [...LEVEL1_CATEGORIES, ...SCORING_SECTIONS]) L1.add(normalizeLabel(c));
  return L1.has(norm(text));
}
function level2Of(text: string): boolean {
  if (L2.size === 0) for (const c of LEVEL2_CATEGORIES) L2.add(normalizeLabel(c));
  return L2.has(norm(text));
}

/** Is this a header row of an indicator table? (names a name column and a target/level column) */
export function indicatorHeader(row: Row): ColumnMap<IndicatorRole> | null {
  const map = mapColumns(row, INDICATOR_ROLES);
  if (!map.name) return null;
  if (!(map.target || map.actual)) return null;
  if (roleCount(map) < 3) return null;
  return map;
}

/**
 * The indicator header at rows[i], also when its labels wrap onto the next row (`指标` over
 * `名称`): the map and the index of the header's last row.
 */
export function indicatorHeaderAt(rows: readonly Row[], i: number): { map: ColumnMap<IndicatorRole>; last: number } | null {
  const one = indicatorHeader(rows[i]);
  const next = rows[i + 1];
  const sameTable = !!next && !!rows[i].table && next.table === rows[i].table;
  if (one) {
    // the wrapped second line of the header labels: short words, no values, nothing under the target
    const tail = sameTable ? ownCells(next) : [];
    const targetCol = one.target?.col ?? one.actual?.col;
    const wrapped =
      tail.length > 0 &&
      tail.every((c) => !isValueLike(c.text) && [...c.text].length <= 6 && !level1Of(c.text) && !level2Of(c.text) && c.col !== targetCol);
    if (wrapped) {
      const two = indicatorHeader(mergeRows(rows[i], next));
      if (two && roleCount(two) >= roleCount(one)) return { map: two, last: i + 1 };
    }
    return { map: one, last: i };
  }
  if (!sameTable) return null;
  const own = ownCells(rows[i]);
  if (own.length < 3 || own.some((c) => isValueLike(c.text))) return null;
  const two = indicatorHeader(mergeRows(rows[i], next));
  return two && roleCount(two) >= 4 ? { map: two, last: i + 1 } : null;
}

export interface IndicatorRowsOptions {
  /** Labels of the table's own section column (skipped as cells): 项目年度绩效指标, 绩效指标… */
  sectionLabels?: readonly string[];
  /** Extra labels that end the table. */
  stopLabels?: readonly string[];
}

export interface ParsedIndicator {
  indicator: Indicator;
  /** Level-1 text as printed (with its weight, if any), for section names and weights. */
  level1Raw: RowCell | null;
}

export interface IndicatorRowsResult {
  items: ParsedIndicator[];
  /** Index of the first row after the table. */
  end: number;
  /** Level-1 labels printed with a weight (`产出指标（50分）`). */
  sectionWeights: { section: string; weight: Num }[];
}

function isStopRow(row: Row, extra: readonly string[]): boolean {
  const own = ownCells(row);
  if (own.length === 0) return false;
  const labels = [...STOP_LABELS, ...extra];
  return own.slice(0, 2).some((c) => {
    const t = c.text.split(/[:：]/)[0];
    return matchLabel(t, labels, { prefix: false, fuzzy: false }) > 0;
  });
}

/** The page a row stands on (its first cell's), or undefined for plain text. */
function pageOf(row: Row): number | undefined {
  return row.cells.find((c) => c.ref.page !== undefined)?.ref.page;
}

/**
 * Is the category cell at rows[i][col] an empty merged cell cut by a page break? True when the
 * previous category (`prev`) was a merged cell of its own that has ended, a new cell starts at or
 * above this row with no text, and that cell runs to the bottom of its page (the next row is on
 * another page, in another table, or there is none). A form that prints each category once in
 * unmerged bordered cells (prev spans one row) is not taken for one.
 */
function brokenCategoryCell(rows: readonly Row[], i: number, col: number, prev: RowCell): boolean {
  const slot = rows[i].slots[col];
  if (!slot || !slot.cell || slot.text !== '' || prev.rowSpan < 2 || slot.cell === prev.cell) return false;
  const page = pageOf(rows[i]);
  let k = i + 1;
  while (k < rows.length && rows[k].table === rows[i].table && rows[k].slots[col]?.cell === slot.cell && pageOf(rows[k]) === page) k++;
  const next = rows[k];
  return !next || next.table !== rows[i].table || pageOf(next) !== page;
}

/** A 指标性质 cell without the words naming the indicator's kind (`定性`, `定量≥` → `≥`). */
function withoutKindWords(text: string): string {
  const t = text.trim();
  for (const w of INDICATOR_KIND_WORDS) if (t.startsWith(w)) return t.slice(w.length).replace(/^[\s:：]+/, '');
  return t;
}

function textOf(c: RowCell | null | undefined): Text | null {
  return c ? textOrNull(c.text, c.ref) : null;
}

/** A category label without its printed weight (`产出指标（50分）` → `产出指标`). */
function levelText(c: RowCell | null): Text | null {
  if (!c) return null;
  const v = withoutWeight(c.text);
  return v ? textValue(v, c.ref, c.raw) : null;
}

/**
 * Read indicator rows after a header row. Continues into following tables (a table split over
 * pages), re-mapping columns where a continued table repeats its header; skips page noise;
 * stops at a stop label, at a text line, or at a table that is not a continuation.
 */
export function parseIndicatorRows(
  rows: readonly Row[],
  headerIdx: number,
  headerMap: ColumnMap<IndicatorRole>,
  opts: IndicatorRowsOptions = {},
): IndicatorRowsResult {
  let map = headerMap;
  const items: ParsedIndicator[] = [];
  const sectionWeights: { section: string; weight: Num }[] = [];
  const sectionLabels = opts.sectionLabels ?? [];
  let cur1: RowCell | null = null;
  let cur2: RowCell | null = null;
  let pending1: ParsedIndicator[] = [];
  let pending2: ParsedIndicator[] = [];
  let table = rows[headerIdx].table;
  let i = headerIdx + 1;
  for (; i < rows.length; i++) {
    const row = rows[i];
    if (row.table !== table) {
      if (!row.table) {
        if (isPageNoise(row)) continue;
        // a line naming the next section (评分表, 说明) ends the table, short as it is
        if (isStopRow(row, opts.stopLabels ?? [])) break;
        const j = interludeEnd(rows, i);
        if (j === null) break;
        i = j - 1;
        continue;
      }
      // a new table: a continuation when it repeats the header or carries indicator-like rows
      const again = indicatorHeader(row);
      table = row.table;
      if (again) {
        map = again;
        continue;
      }
      if (ownCells(row).length < 2) break;
      // a new table opening with a header row of its own (一级指标 | 二级指标 | 分值 | 得分) is another table
      if (ownCells(row).filter((c) => isKnownLabel(c.text)).length >= 3) break;
    } else if (indicatorHeader(row) && i > headerIdx + 1) {
      const again = indicatorHeader(row)!;
      if (again.name!.col === map.name!.col) continue; // repeated header
      break;
    }
    if (isStopRow(row, opts.stopLabels ?? [])) break;
    const own = ownCells(row);
    if (own.length === 0) continue;

    const nameCol = map.name!.col;
    const l1Col = map.level1?.col;
    const l2Col = map.level2?.col;
    const firstLevelCol = Math.min(l1Col ?? Infinity, l2Col ?? Infinity, nameCol);
    let found1: RowCell | null = null;
    let found2: RowCell | null = null;
    const rest: RowCell[] = [];
    // the level columns hold text here: a category word at the name column is the name (三级指标 服务对象满意度)
    const levelsHeld = l2Col !== undefined && l2Col < nameCol && !!row.slots[l2Col]?.text;
    for (const c of own) {
      // the table's own section label in the left column
      if (c.col < firstLevelCol && matchLabel(c.text, sectionLabels, { prefix: false }) > 0) continue;
      if (levelsHeld && c.col >= nameCol) {
        rest.push(c);
        continue;
      }
      const is1 = level1Of(c.text);
      const is2 = level2Of(c.text);
      if (is1 && is2) {
        if ((l1Col !== undefined && c.col <= l1Col) || (l1Col === undefined && !found1 && l2Col !== undefined && c.col < l2Col)) found1 = found1 ?? c;
        else if (!found2) found2 = c;
        else rest.push(c);
      } else if (is1 && !found1 && c.col < nameCol + 1) found1 = c;
      else if (is2 && !found2 && c.col < nameCol + 1) found2 = c;
      else rest.push(c);
    }
    // a cell standing as level 1 at the level-2 column when the level-1 column is empty
    // a level-2 category standing left of its column moves the whole row left
    const catShift = found2 && l2Col !== undefined ? Math.min(0, found2.col - l2Col) : 0;
    const atName = rest.find((c) => c.col === nameCol + catShift && !isValueLike(c.text));
    const nameCell = atName ?? rest.find((c) => !isValueLike(c.text) && c.col <= nameCol + 1) ?? null;

    // category carry-down (merged cells arrive as fromAbove slots in lattice tables)
    if (!found1 && l1Col !== undefined) {
      const above = row.slots[l1Col];
      if (above && above.fromAbove && above.text) found1 = above;
    }
    if (!found1 && l1Col !== undefined && cur1 && brokenCategoryCell(rows, i, l1Col, cur1)) {
      // a merged 一级指标 cell cut by a page break, its label printed on the next page only:
      // the rows above the break wait for that label instead of taking the previous one
      cur1 = null;
      cur2 = null;
    }
    if (!found2 && l2Col !== undefined) {
      const above = row.slots[l2Col];
      if (above && above.fromAbove && above.text) found2 = above;
    }
    if (found1) {
      const changed = !cur1 || norm(cur1.text) !== norm(found1.text);
      cur1 = found1;
      for (const p of pending1) {
        p.indicator.level1 = levelText(found1);
        p.level1Raw = found1;
      }
      pending1 = [];
      if (changed && !found2) {
        cur2 = null;
        pending2 = [];
      }
      const w = labelWeight(found1.text);
      if (w !== null && !sectionWeights.some((s) => s.section === withoutWeight(found1!.text))) {
        const n = numFrom(String(w), found1.ref);
        if (n) sectionWeights.push({ section: withoutWeight(found1.text), weight: { ...n, src: { ...n.src, raw: found1.raw } } });
      }
    }
    if (found2) {
      cur2 = found2;
      for (const p of pending2) p.indicator.level2 = levelText(found2);
      pending2 = [];
    }
    if (!nameCell) continue;
    const rawName = nameCell.text;
    if (PLACEHOLDER_NAME.test(rawName)) continue;
    const name = rawName.replace(NAME_NUMBERING, '').trim();
    if (!name) continue;

    const shift = nameCell.col - nameCol;
    const valueMap: ColumnMap<IndicatorRole> = { ...map };
    delete valueMap.level1;
    delete valueMap.level2;
    delete valueMap.name;
    const exclude = [nameCell, ...(found1 ? [found1] : []), ...(found2 ? [found2] : [])];
    // a row torn off its columns: read values shifted with the name, unless they stand in place
    const kinds = { target: 'any', actual: 'any', weight: 'number', score: 'number', note: 'text', nature: 'text', unit_of_measure: 'text', progress: 'any' } as const;
    const fit = (sh: number) =>
      (Object.keys(valueMap) as IndicatorRole[]).filter((r) => {
        const c = ownCellIn(row, valueMap[r]!.col + sh, valueMap[r]!.span);
        return c && !exclude.includes(c) && c.col > nameCell.col && (kinds[r as keyof typeof kinds] !== 'text' || !isValueLike(c.text)) && (kinds[r as keyof typeof kinds] !== 'number' || isValueLike(c.text));
      }).length;
    const bestShift = shift !== 0 && fit(0) > fit(shift) ? 0 : shift;
    const vals = readRoles(row, valueMap, kinds, { shift: bestShift, minCol: nameCell.col + 1, exclude });

    // a row that prints nothing but its name (a category word or a template line) is not data
    const printed = (['target', 'actual', 'weight', 'score', 'note'] as const).some((r) => vals[r] && !EMPTY_VALUE.test(vals[r]!.text));
    if (!printed && (level1Of(name) || level2Of(name))) continue;
    let target = textOf(vals.target);
    if (vals.nature || vals.unit_of_measure) {
      const parts = [vals.nature, vals.target, vals.unit_of_measure].filter((c): c is RowCell => !!c);
      // 定性 / 定量 name the kind of indicator, not part of its target
      const kindless = (c: RowCell) => (c === vals.nature ? withoutKindWords(c.text) : c.text);
      const joined = parts.map(kindless).join('');
      const ref = (vals.target ?? parts[0]).ref;
      target = joined ? textValue(joined, ref, parts.map((c) => c.raw).join(' ')) : null;
    }
    const lvl1 = found1 ?? cur1;
    const lvl2 = found2 ?? cur2;
    const ind: Indicator = {
      level1: levelText(lvl1),
      level2: levelText(lvl2),
      name: textValue(name, nameCell.ref, nameCell.raw),
      target,
      actual: textOf(vals.actual),
      weight: vals.weight ? numFrom(vals.weight.text, vals.weight.ref) : null,
      score_reported: vals.score ? numFrom(vals.score.text, vals.score.ref) : null,
      note: textOf(vals.note),
      met: null,
    };
    const parsed: ParsedIndicator = { indicator: ind, level1Raw: lvl1 };
    items.push(parsed);
    if (!lvl1) pending1.push(parsed);
    if (!lvl2) pending2.push(parsed);
  }
  return { items, end: i, sectionWeights };
}
