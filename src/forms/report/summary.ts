/**
 * The report's summary table of all projects: 序号 / 项目名称 / 预算数(万元) /
 * 全年执行数(万元) / 得分 / 自评等级, with a 合计 row. Columns are found by their header
 * labels, the money unit from the header (or a `单位：元` line above it).
 */
import type { MoneyUnit } from '../../text/numbers.js';
import type { Block, Cell } from '../../model/layout.js';
import type { Num, SummaryRow } from '../../../schemas/record.js';
import { joinWrapped } from '../../text/normalize.js';
import { moneyFrom, numFrom, strictNumFrom, textOrNull, textValue } from '../../model/values.js';
import { continuationTables, lineOf, matchHeader, slotText, tableOf, tableRows, unitOfLine, unitOfRow } from './grid.js';
import {
  COMPOSITION_NAME_RE,
  SUMMARY_COLUMNS,
  TOTAL_ROW_WORDS,
  UNIT_AFTER_AMOUNT_LABEL_RE,
  UNIT_ONLY_RE,
  type SummaryColumn,
} from './patterns.js';

export interface SummaryTable {
  rows: SummaryRow[];
  total_budget_wan: Num | null;
  total_executed_wan: Num | null;
  /** Block indexes the table occupies. */
  blockIndexes: number[];
  moneyUnit: MoneyUnit;
  hasTotalRow: boolean;
}

const REQUIRED: SummaryColumn[] = ['name'];

interface Header {
  /** Last row of the header (data follow it). */
  at: number;
  cols: Map<SummaryColumn, number>;
  /** The header's cells, a two-row header's joined per column. */
  row: (Cell | null)[];
}

function accept(cols: Map<SummaryColumn, number>): boolean {
  const figures = ['budget', 'executed', 'score', 'grade'].filter((k) => cols.has(k as SummaryColumn)).length;
  return REQUIRED.every((k) => cols.has(k)) && figures >= 2;
}

/** Two header rows read as one, column by column (`全年` over `执行数(万元)`). */
function joinRows(a: (Cell | null)[], b: (Cell | null)[]): (Cell | null)[] {
  return a.map((c, i) => {
    const d = b[i];
    if (!c) return d;
    if (!d) return c;
    return { ...c, text: slotText(c) + slotText(d) };
  });
}

/** A row holding only units (`(万元)`) right after the header belongs to it. */
function withUnitRow(rows: (Cell | null)[][], h: Header): Header {
  const next = rows[h.at + 1];
  if (next && next.some((c) => slotText(c)) && next.every((c) => !slotText(c) || UNIT_ONLY_RE.test(slotText(c)))) {
    return { ...h, at: h.at + 1, row: joinRows(h.row, next) };
  }
  return h;
}

function headerOf(rows: (Cell | null)[][]): Header | null {
  for (let r = 0; r < Math.min(rows.length, 3); r++) {
    const cols = matchHeader(rows[r], SUMMARY_COLUMNS);
    if (accept(cols)) return withUnitRow(rows, { at: r, cols, row: rows[r] });
    const next = rows[r + 1];
    if (next && !next.some((c) => /\d/.test(slotText(c).replace(/[(（][^)）]*[)）]/g, '')))) {
      const joined = joinRows(rows[r], next);
      const jc = matchHeader(joined, SUMMARY_COLUMNS);
      if (accept(jc)) return withUnitRow(rows, { at: r + 1, cols: jc, row: joined });
    }
  }
  return null;
}

/** A unit printed bare under a label (`预算数` over `元`, joined as `预算数元`). */
function unitInCells(row: (Cell | null)[]): MoneyUnit | null {
  for (const c of row) {
    const m = UNIT_AFTER_AMOUNT_LABEL_RE.exec(slotText(c));
    if (m) return m[1] as MoneyUnit;
  }
  return null;
}

/** Find the summary table among `blocks[from, to)`. */
export function findSummaryTable(blocks: readonly Block[], from: number, to: number): SummaryTable | null {
  for (let i = from; i < to; i++) {
    const table = tableOf(blocks[i]);
    if (!table) continue;
    const rows = tableRows(table);
    const header = headerOf(rows);
    if (!header) continue;
    // A name column labelled 合并明细项目 is a project's composition, not the summary.
    const nameCell = slotText(header.row[header.cols.get('name')!]);
    if (COMPOSITION_NAME_RE.test(nameCell)) continue;

    let unit = unitOfRow(header.row) ?? unitInCells(header.row);
    for (let k = i - 1; k >= Math.max(from, i - 2) && !unit; k--) {
      const l = lineOf(blocks[k]);
      if (l) unit = unitOfLine(l.text);
    }
    const moneyUnit = unit ?? '万元';
    const indexes = [i, ...continuationTables(blocks, i, to)];
    const allRows = indexes.flatMap((k, n) => {
      const rs = tableRows(tableOf(blocks[k])!);
      if (n === 0) return rs.slice(header.at + 1);
      // A continued part may repeat the header.
      const h = headerOf(rs);
      return h ? rs.slice(h.at + 1) : rs;
    });
    return { ...readRows(allRows, header.cols, moneyUnit), blockIndexes: indexes, moneyUnit };
  }
  return null;
}

function readRows(rows: (Cell | null)[][], cols: Map<SummaryColumn, number>, unit: MoneyUnit) {
  const out: SummaryRow[] = [];
  let totalBudget: Num | null = null;
  let totalExecuted: Num | null = null;
  let hasTotalRow = false;
  const at = (row: (Cell | null)[], k: SummaryColumn): Cell | null => (cols.has(k) ? row[cols.get(k)!] : null);
  const money = (c: Cell | null) => (c && slotText(c) ? moneyFrom(c.text, c.ref, unit) : null);
  let prevRaw = '';
  let prevRef: Cell['ref'] = {};
  for (const row of rows) {
    const nameCell = at(row, 'name');
    const seqCell = at(row, 'seq');
    const name = slotText(nameCell);
    const first = row.map(slotText).find((t) => t !== '') ?? '';
    const label = (seqCell ? slotText(seqCell) : '') || name || first;
    if (TOTAL_ROW_WORDS.some((w) => label.replace(/\s/g, '') === w.replace(/\s/g, ''))) {
      hasTotalRow = true;
      totalBudget = money(at(row, 'budget'));
      totalExecuted = money(at(row, 'executed'));
      continue;
    }
    if (!name || !nameCell) continue;
    // A name wrapped onto a row of its own (no 序号, no figures) continues the row above.
    const prev = out[out.length - 1];
    const others = row.filter((c, i) => c !== null && i !== cols.get('name') && slotText(c) !== '');
    if (prev && others.length === 0) {
      prevRaw = `${prevRaw}\n${nameCell.text}`;
      prev.project_name = textValue(joinWrapped([prev.project_name.value, name]), prevRef, prevRaw);
      continue;
    }
    prevRaw = nameCell.text;
    prevRef = nameCell.ref;
    const seqNum = seqCell ? strictNumFrom(slotText(seqCell), seqCell.ref) : null;
    const scoreCell = at(row, 'score');
    const gradeCell = at(row, 'grade');
    out.push({
      seq: seqNum && Number.isInteger(seqNum.value) ? seqNum.value : null,
      project_name: textValue(name, nameCell.ref, nameCell.text),
      budget_wan: money(at(row, 'budget')),
      executed_wan: money(at(row, 'executed')),
      score: scoreCell && slotText(scoreCell) ? numFrom(scoreCell.text, scoreCell.ref) : null,
      grade: gradeCell ? textOrNull(slotText(gradeCell), gradeCell.ref) : null,
    });
  }
  return { rows: out, total_budget_wan: totalBudget, total_executed_wan: totalExecuted, hasTotalRow };
}
