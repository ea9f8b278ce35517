/**
 * Tables inside a project's section: 项目构成 (合并明细项目 / 预算数 / 调整数 / 合计) and
 * the 绩效目标 table (年度目标 row, then 一级指标 / 二级指标 / 指标名称 / 指标值 rows).
 */
import type { MoneyUnit } from '../../text/numbers.js';
import type { Block, Cell, Table } from '../../model/layout.js';
import type { BudgetLine, Indicator, Num, Text } from '../../../schemas/record.js';
import { moneyFrom, numValue, textOrNull, textValue } from '../../model/values.js';
import { parseNumber, roundTo, toWan } from '../../text/numbers.js';
import { continuationTables, labelKey, matchHeader, slotText, tableRows, unitOfRow } from './grid.js';
import {
  COMPOSITION_COLUMNS,
  COMPOSITION_NAME_RE,
  WEIGHT_SUFFIX_RE,
  GOAL_ROW_LABELS,
  GOAL_TABLE_COLUMNS,
  SELF_EVAL_TABLE_CELL_RE,
  TOTAL_ROW_WORDS,
  type CompositionColumn,
  type GoalColumn,
} from './patterns.js';

export interface SectionTables {
  budgetLines: BudgetLine[];
  subProjectTotal: Num | null;
  goal: Text | null;
  indicators: Indicator[];
  /** Block indexes consumed. */
  used: Set<number>;
}

type Row = (Cell | null)[];

function compositionHeader(rows: Row[]): { at: number; cols: Map<CompositionColumn, number> } | null {
  for (let r = 0; r < Math.min(rows.length, 3); r++) {
    const cols = matchHeader(rows[r], COMPOSITION_COLUMNS);
    if (!cols.has('name')) continue;
    const nameLabel = labelKey(slotText(rows[r][cols.get('name')!]));
    if (!COMPOSITION_NAME_RE.test(nameLabel) && !(cols.has('adjustment') || cols.has('total'))) continue;
    if (cols.has('budget') || cols.has('total')) return { at: r, cols };
  }
  return null;
}

function goalHeader(rows: Row[]): { at: number; cols: Map<GoalColumn, number> } | null {
  for (let r = 0; r < rows.length; r++) {
    const cols = matchHeader(rows[r], GOAL_TABLE_COLUMNS);
    if (cols.has('name') && (cols.has('target') || cols.has('level1'))) return { at: r, cols };
  }
  return null;
}

function goalRow(rows: Row[]): Text | null {
  for (const row of rows) {
    const cells = row.filter((c): c is Cell => c !== null && slotText(c) !== '');
    if (cells.length < 2) continue;
    const label = labelKey(slotText(cells[0]));
    if (GOAL_ROW_LABELS.includes(label)) {
      const longest = cells.slice(1).reduce((a, b) => (slotText(b).length > slotText(a).length ? b : a));
      return textOrNull(longest.text, longest.ref);
    }
  }
  return null;
}

function sumOf(a: Cell | null, b: Cell | null, unit: MoneyUnit): Num | null {
  const pa = a && slotText(a) ? parseNumber(a.text) : null;
  const pb = b && slotText(b) ? parseNumber(b.text) : null;
  if (!pa && !pb) return null;
  if (!pb) return moneyFrom(a!.text, a!.ref, unit);
  if (!pa) return null;
  const d = Math.max(decimals(pa.ulp), decimals(pb.ulp));
  const sum = toWan({ value: roundTo(pa.value + pb.value, d), ulp: Math.max(pa.ulp, pb.ulp), percent: false }, unit);
  return numValue(sum, a!.ref, `${slotText(a)}+${slotText(b)}`);
}

function decimals(ulp: number): number {
  return Math.max(0, Math.round(-Math.log10(ulp)));
}

function isTotal(text: string): boolean {
  const t = text.replace(/\s/g, '');
  return TOTAL_ROW_WORDS.some((w) => t === w.replace(/\s/g, ''));
}

/** Read the tables of one section (`blocks[from, to)`). */
export function readSectionTables(blocks: readonly Block[], from: number, to: number, defaultUnit: MoneyUnit): SectionTables {
  const out: SectionTables = { budgetLines: [], subProjectTotal: null, goal: null, indicators: [], used: new Set() };
  for (let i = from; i < to; i++) {
    const b = blocks[i];
    if (b.kind !== 'table' || out.used.has(i)) continue;
    // A whole self-evaluation table printed in the section is read as the project's form.
    if (b.table.cells.some((c) => SELF_EVAL_TABLE_CELL_RE.test(c.text))) continue;
    const rows = tableRows(b.table);
    const comp = compositionHeader(rows);
    if (comp && out.budgetLines.length === 0) {
      const parts = [i, ...continuationTables(blocks, i, to)];
      parts.forEach((k) => out.used.add(k));
      const unit = unitOfRow(rows[comp.at]) ?? defaultUnit;
      const all = parts.flatMap((k, n) => {
        const rs = tableRows((blocks[k] as { table: Table }).table);
        if (n === 0) return rs.slice(comp.at + 1);
        const h = compositionHeader(rs);
        return h ? rs.slice(h.at + 1) : rs;
      });
      readComposition(all, comp.cols, unit, out);
      continue;
    }
    const goalText = goalRow(rows);
    const gh = goalHeader(rows);
    if (goalText || gh) {
      const parts = [i, ...continuationTables(blocks, i, to)];
      parts.forEach((k) => out.used.add(k));
      if (goalText && !out.goal) out.goal = goalText;
      if (gh) {
        const all = parts.flatMap((k, n) => {
          const rs = tableRows((blocks[k] as { table: Table }).table);
          if (n === 0) return rs.slice(gh.at + 1);
          const h = goalHeader(rs);
          return h ? rs.slice(h.at + 1) : rs;
        });
        out.indicators.push(...readIndicators(all, gh.cols));
      }
    }
  }
  return out;
}

function readComposition(rows: Row[], cols: Map<CompositionColumn, number>, unit: MoneyUnit, out: SectionTables): void {
  const at = (row: Row, k: CompositionColumn): Cell | null => (cols.has(k) ? row[cols.get(k)!] : null);
  for (const row of rows) {
    const nameCell = at(row, 'name');
    const name = slotText(nameCell);
    if (!name || !nameCell) continue;
    const totalCell = at(row, 'total');
    const amount =
      totalCell && slotText(totalCell) ? moneyFrom(totalCell.text, totalCell.ref, unit) : sumOf(at(row, 'budget'), at(row, 'adjustment'), unit);
    if (isTotal(name)) {
      out.subProjectTotal = amount;
      continue;
    }
    out.budgetLines.push({ kind: 'sub_project', name: textValue(name, nameCell.ref, nameCell.text), amount_wan: amount });
  }
}

/** `产出指标（50分）` → `产出指标`. */
export function stripWeight(s: string): string {
  return s.replace(WEIGHT_SUFFIX_RE, '').trim();
}

function readIndicators(rows: Row[], cols: Map<GoalColumn, number>): Indicator[] {
  const out: Indicator[] = [];
  let level1: Cell | null = null;
  let level2: Cell | null = null;
  const at = (row: Row, k: GoalColumn): Cell | null => (cols.has(k) ? row[cols.get(k)!] : null);
  for (const row of rows) {
    const l1 = at(row, 'level1');
    const l2 = at(row, 'level2');
    if (l1 && slotText(l1)) {
      level1 = l1;
      level2 = null;
    }
    if (l2 && slotText(l2)) level2 = l2;
    const nameCell = at(row, 'name');
    if (!nameCell || !slotText(nameCell)) continue;
    const target = at(row, 'target');
    out.push({
      level1: level1 ? textOrNull(stripWeight(slotText(level1)), level1.ref) : null,
      level2: level2 ? textOrNull(stripWeight(slotText(level2)), level2.ref) : null,
      name: textValue(slotText(nameCell), nameCell.ref, nameCell.text),
      target: target ? textOrNull(slotText(target), target.ref) : null,
      actual: null,
      weight: null,
      score_reported: null,
      note: null,
      met: null,
    });
  }
  return out;
}
