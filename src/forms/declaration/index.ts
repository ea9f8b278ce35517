/**
 * 项目绩效目标申报表 (declaration): one project per document. Header fields by label,
 * money (总预算 / 当年预算 / earlier years from prose), 资金来源 and 项目支出明细 lines with
 * their 合计, the 绩效总目标 and the 年度绩效指标 table.
 */
import type { BudgetLine, Num, Project } from '../../../schemas/record.js';
import type { LaidOutDocument } from '../../model/layout.js';
import type { Classification } from '../../classify/types.js';
import { isMoneyText, moneyFrom, textOrNull, textValue } from '../../model/values.js';
import { normalizeText } from '../../text/normalize.js';
import type { MoneyUnit } from '../../text/numbers.js';
import { emptyProject, type FormParser, type ParsedFiling } from '../types.js';
import { COLUMN_LABELS, HEADER_EXTRAS, HEADER_FIELDS } from '../../vocabulary/fields.js';
import { matchLabel, stripNumbering } from '../../vocabulary/match.js';
import {
  continuedRows,
  documentRows,
  findField,
  findLabel,
  isKnownLabel,
  mapColumns,
  ownCells,
  readRoles,
  type Row,
  type RowCell,
} from '../../tables/index.js';
import { indicatorHeaderAt, isValueLike, parseIndicatorRows } from '../self-eval-table/indicators.js';

import { findMoneyUnit, findTitle, unreadYearText, yearIn, yearLine, yearNum } from '../document-facts.js';
import { readDepartment, tidyProjectName } from '../header-values.js';
import { splitForms } from '../split.js';

const isNumberish = (t: string) => /\d/.test(t) && (isValueLike(t.replace(/万?元$/, '')) || isMoneyText(t));

const isTotal = (t: string) => matchLabel(t, ['合计', '总计', '合计金额', '小计'], { prefix: false, fuzzy: false }) > 0;

/**
 * Funding printed as columns: `年度资金总额 | 其中：财政拨款 | 其他资金` over a row of amounts.
 * The total column gives the 合计, the others the lines (`其中：` dropped).
 */
function columnFunding(rows: readonly Row[], unit: MoneyUnit): MoneyLinesResult | null {
  for (let i = 0; i + 1 < rows.length; i++) {
    const own = ownCells(rows[i]);
    const totalCell = own.find((c) => matchLabel(c.text, ['年度资金总额', '资金总额', '合计', '资金来源合计'], { prefix: false }) >= 0.8);
    if (!totalCell) continue;
    const below = rows[i + 1];
    if (below.table !== rows[i].table) continue;
    const amountUnder = (c: RowCell) => {
      for (let k = c.col; k < c.col + c.colSpan; k++) {
        const v = below.slots[k];
        if (v && !v.fromAbove && isNumberish(v.text)) return v;
      }
      return null;
    };
    const tv = amountUnder(totalCell);
    if (!tv) continue;
    const lines: BudgetLine[] = [];
    for (const c of own.filter((x) => x.col > totalCell.col)) {
      const v = amountUnder(c);
      const name = stripNumbering(c.text.replace(/^其中\s*[:：]?\s*/, ''));
      const amount = v ? moneyFrom(v.text, v.ref, unit) : null;
      if (name && amount) lines.push({ kind: 'funding_source', name: textValue(name, c.ref, c.raw), amount_wan: amount });
    }
    return { lines, total: moneyFrom(tv.text, tv.ref, unit) };
  }
  return null;
}

/**
 * Funding printed as rows with amounts to their right: `年度资金总额 | 156.80`,
 * `其中：财政拨款 | 156.80`, `上年结转资金 | `, `其他资金 | ` (the total gives the 合计).
 */
function rowFunding(rows: readonly Row[], unit: MoneyUnit): MoneyLinesResult | null {
  const SOURCE_ROW = /(资金|拨款|收入|补助|结转|结余)$/;
  for (let i = 0; i < rows.length; i++) {
    const own = ownCells(rows[i]);
    const k = own.findIndex((c) => matchLabel(c.text, ['年度资金总额', '资金总额'], { prefix: false }) >= 0.8);
    if (k < 0) continue;
    const label = own[k];
    const tv = own.slice(k + 1).find((c) => isNumberish(c.text));
    if (!tv) continue;
    const lines: BudgetLine[] = [];
    for (let j = i + 1; j < rows.length && j <= i + 8 && rows[j].table === rows[i].table; j++) {
      const cells = ownCells(rows[j]).filter((c) => c.col >= label.col - 1);
      const nameCell = cells.find((c) => !isNumberish(c.text));
      if (!nameCell) continue;
      const name = stripNumbering(nameCell.text.replace(/^其中\s*[:：]?\s*/, ''));
      if (!SOURCE_ROW.test(name)) break;
      const v = cells.find((c) => c.col > nameCell.col && isNumberish(c.text));
      const amount = v ? moneyFrom(v.text, v.ref, unit) : null;
      if (amount) lines.push({ kind: 'funding_source', name: textValue(name, nameCell.ref, nameCell.raw), amount_wan: amount });
    }
    return { lines, total: moneyFrom(tv.text, tv.ref, unit) };
  }
  return null;
}

interface MoneyLinesResult {
  lines: BudgetLine[];
  total: Num | null;
}

/**
 * The money lines under a section label (资金来源 / 项目支出明细): header columns by label
 * (name, amount), numbered rows stripped of their numbering, 其中 and un-numbered sub-rows
 * of numbered lists skipped, empty rows skipped, the 合计 row as the total.
 */
function moneyLines(
  rows: readonly Row[],
  sectionLabels: readonly string[],
  nameLabels: readonly string[],
  kind: BudgetLine['kind'],
  unit: MoneyUnit,
  stopLabels: readonly string[],
): MoneyLinesResult | null {
  const hit = findLabel(rows, sectionLabels, { minScore: 0.8 });
  if (!hit) return null;
  const roles = { name: nameLabels, amount: COLUMN_LABELS.amount.filter((l) => l !== '合计') };
  let headerIdx = -1;
  let map = mapColumns(rows[hit.row], roles, { skip: [hit.cell] });
  for (let k = hit.row; k < Math.min(rows.length, hit.row + 3); k++) {
    const m = mapColumns(rows[k], roles, { skip: [hit.cell] });
    if (m.amount) {
      headerIdx = k;
      map = m;
      break;
    }
  }
  if (headerIdx < 0 || !map.amount) return null;
  const nameCol = map.name?.col ?? hit.cell.col + hit.cell.colSpan;
  if (!map.name) map = { ...map, name: { col: nameCol, span: 1, score: 0, header: hit.cell } };
  type Candidate = { name: string; ref: Row['cells'][number]; amount: Num | null; numbered: boolean; total: boolean; ofWhich: boolean };
  const cands: Candidate[] = [];
  for (const row of continuedRows(rows, headerIdx)) {
    const own = ownCells(row);
    if (own.length === 0) continue;
    // the next section: a label in the section column, or a known stop label
    if (own.some((c) => matchLabel(c.text, stopLabels, { prefix: false }) >= 0.8)) break;
    // another section's label in the section column (a merged label cut by a page break is not one)
    const lead = own[0];
    if (lead.col < nameCol && !isTotal(lead.text) && isKnownLabel(lead.text) && !matchLabel(lead.text, sectionLabels)) break;
    const vals = readRoles(row, map, { name: 'text', amount: 'number' }, { minCol: nameCol });
    let nameCell = vals.name;
    // a 合计 printed in another column (序号) than the names
    if (!nameCell || !isTotal(nameCell.text)) {
      const tot = own.find((c) => isTotal(c.text) && c !== vals.amount);
      if (tot && (!nameCell || nameCell.col > tot.col) && vals.amount) nameCell = tot;
    }
    if (!nameCell) continue;
    const rawName = nameCell.text;
    const name = stripNumbering(rawName);
    const amountCell = vals.amount;
    const amount = amountCell && isNumberish(amountCell.text) ? moneyFrom(amountCell.text, amountCell.ref, unit) : null;
    cands.push({
      name,
      ref: nameCell,
      amount,
      numbered: name !== rawName.trim(),
      total: isTotal(name),
      ofWhich: /^其中/.test(name),
    });
  }
  const anyNumbered = cands.some((c) => c.numbered);
  let total: Num | null = null;
  const lines: BudgetLine[] = [];
  for (const c of cands) {
    if (c.total) {
      total = total ?? c.amount;
      continue;
    }
    if (c.ofWhich || (anyNumbered && !c.numbered)) continue;
    if (!c.amount) continue;
    lines.push({ kind, name: textValue(c.name, c.ref.ref, c.ref.raw), amount_wan: c.amount });
  }
  return { lines, total };
}

/** `2019年预算为27.56万元; 2020年到页算为30.1万元` → years before the fiscal year with amounts. */
export function priorYearBudgets(text: string, ref: Row['cells'][number]['ref'], unit: MoneyUnit, fiscalYear: number | null) {
  const out: { year: number; amount_wan: Num }[] = [];
  const s = normalizeText(text).replace(/\s+/g, '');
  const re = /((?:19|20)\d{2})年(?:度)?[^\d;；。，,]{0,6}?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|万|元)?/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const year = Number(m[1]);
    if (fiscalYear !== null && year >= fiscalYear) continue;
    if (out.some((o) => o.year === year)) continue;
    const u: MoneyUnit = m[3] === '元' ? '元' : m[3] === '万元' || m[3] === '万' ? '万元' : unit;
    const n = moneyFrom(m[2] + (m[3] ?? ''), ref, u);
    if (n) out.push({ year, amount_wan: { ...n, src: { ...n.src, raw: text } } });
  }
  return out;
}

/** Earlier years' budgets printed as columns: `2019年预算` over (or beside) its amount. */
function columnYearBudgets(rows: readonly Row[], p: Project, unit: MoneyUnit, fiscalYear: number | null): boolean {
  for (let i = 0; i < rows.length; i++) {
    for (const c of ownCells(rows[i])) {
      const m = /^((?:19|20)\d{2})年度?(?:预算|预算数|预算金额)(?:[(（]万?元[)）])?$/.exec(c.text.replace(/\s+/g, ''));
      if (!m) continue;
      const year = Number(m[1]);
      if (fiscalYear !== null && year >= fiscalYear) continue;
      const below = rows[i + 1]?.table === rows[i].table ? rows[i + 1]?.slots[c.col] : null;
      const right = rows[i].cells.find((x) => x.col >= c.col + c.colSpan && !x.fromAbove && x.text);
      const v = below && !below.fromAbove && isNumberish(below.text) ? below : right && isNumberish(right.text) ? right : null;
      const n = v ? moneyFrom(v.text, v.ref, unit) : null;
      if (n && !p.prior_year_budgets.some((b) => b.year === year)) p.prior_year_budgets.push({ year, amount_wan: n });
    }
  }
  p.prior_year_budgets.sort((a, b) => a.year - b.year);
  return p.prior_year_budgets.length > 0;
}

const TITLE_WORDS = ['申报表', '绩效目标表', '目标表'];
const GOAL_LABELS = ['项目绩效总目标', '绩效总目标', '项目年度绩效目标', '年度绩效目标', '年度总体目标', '总体目标', '年度目标'];
const INDICATOR_SECTION = ['项目年度绩效指标', '年度绩效指标', '绩效指标', '项目绩效指标', '年度绩效'];
const FUNDING_STOP = ['项目支出预算及测算依据', '项目支出明细', '项目绩效总目标', '绩效总目标', '测算依据及说明'];
const EXPENSE_STOP = ['测算依据及说明', '项目绩效总目标', '绩效总目标', '项目资金来源'];

export function parseDeclarationDoc(doc: LaidOutDocument, classification: Classification | null): ParsedFiling {
  const rows = documentRows(doc.blocks);
  const missing: string[] = [];
  const warnings: string[] = [];
  const p: Project = emptyProject(1);
  p.parts = ['form'];

  const titleRow = findTitle(rows, TITLE_WORDS);
  const titleCell = titleRow ? ownCells(titleRow)[0] : null;
  let titleText = titleRow ? ownCells(titleRow).map((c) => c.text).join('') : '';
  const title = titleCell ? textValue(titleText, titleCell.ref, titleCell.raw) : null;
  if (title) titleText = title.value;

  let year = titleText ? yearIn(titleText) : null;
  let yearRef = titleCell?.ref;
  if (year === null) {
    // `(2022年度)` on a line of its own under the title
    for (const row of rows.slice(0, 12)) {
      const c = ownCells(row).find((x) => yearLine(x.text) !== null);
      if (c) {
        year = yearLine(c.text);
        yearRef = c.ref;
        titleText = c.raw;
        break;
      }
    }
  }
  if (year === null) {
    const f = findField(rows, ['年度', '预算年度', '项目年度'], { accept: (t) => yearIn(t) !== null || /^\d{4}$/.test(t) });
    if (f) {
      year = yearIn(f.text) ?? Number(f.text);
      yearRef = f.ref;
    }
  }
  if (year !== null && yearRef) p.fiscal_year = yearNum(year, yearRef, titleText || String(year));
  else {
    // never silent: a year printed in a spelling not read is named in the record
    const unread = unreadYearText(rows);
    missing.push(unread ? `年度 (fiscal year) printed as '${unread}', not read` : '年度 (fiscal year)');
  }

  const { unit: printedUnit } = findMoneyUnit(rows);
  const unit: MoneyUnit = printedUnit ?? '万元';

  const field = (syn: readonly string[], accept?: (t: string) => boolean) => findField(rows, syn, { accept });
  const notMoneyUnit = (t: string) => !/^(万元|元)$/.test(t.replace(/\s+/g, ''));
  const u = field(HEADER_FIELDS.unit, (t) => notMoneyUnit(t) && !isValueLike(t) && [...t].length >= 2);
  p.unit = u ? textOrNull(u.text, u.ref) : null;
  readDepartment(rows, p);
  const n = field(HEADER_FIELDS.project_name);
  p.project_name = n ? textOrNull(n.text, n.ref) : null;
  tidyProjectName(p);
  for (const key of HEADER_EXTRAS) {
    const f = field(HEADER_FIELDS[key]);
    const t = f ? textOrNull(f.text, f.ref) : null;
    if (t) p.header[key] = t;
  }
  const impl = field(HEADER_FIELDS.implementing_unit);
  if (impl && !p.header.executing_unit) p.header.executing_unit = textValue(impl.text, impl.ref);
  if (!p.unit && impl) p.unit = textOrNull(impl.text, impl.ref);
  if (!p.project_name) missing.push('项目名称');
  // Text blocks, kept for the checks on figures and names in prose.
  const texts: NonNullable<Project['texts']> = [];
  for (const key of ['application_reason', 'main_content'] as const) {
    const f = field(HEADER_FIELDS[key], (t) => !isValueLike(t) && t.length > 4);
    if (f) texts.push({ label: HEADER_FIELDS[key][0], text: textValue(f.text, f.ref) });
  }

  const money = (t: string) => isNumberish(t);
  const tb = field(HEADER_FIELDS.total_budget, money);
  p.total_budget_wan = tb ? moneyFrom(tb.text, tb.ref, unit) : null;
  const b = findField(rows, HEADER_FIELDS.budget, { accept: money, below: true });
  p.budget_wan = b ? moneyFrom(b.text, b.ref, unit) : null;
  if (!p.budget_wan) missing.push('项目当年预算');

  // earlier years' budgets, in the prose of a 变动情况 row (torn over cells: join them)
  const prior = findLabel(rows, HEADER_FIELDS.prior_budgets, { minScore: 0.6 });
  if (prior) {
    const cells = ownCells(rows[prior.row]).filter((c) => c.col > prior.end.col);
    const text = cells.map((c) => c.text).join('');
    if (cells.length) p.prior_year_budgets = priorYearBudgets(text, cells[0].ref, unit, year);
    if (cells.length) texts.push({ label: HEADER_FIELDS.prior_budgets[0], text: textValue(text, cells[0].ref, cells.map((c) => c.raw).join('')) });
  } else if (!columnYearBudgets(rows, p, unit, year)) {
    for (const row of rows) {
      const t = ownCells(row).map((c) => c.text).join('');
      if (/(?:19|20)\d{2}年(?:度)?预算/.test(t)) {
        const found = priorYearBudgets(t, ownCells(row)[0].ref, unit, year);
        if (found.length) {
          p.prior_year_budgets = found;
          break;
        }
      }
    }
  }

  const funding =
    moneyLines(rows, HEADER_FIELDS.funding_sources, COLUMN_LABELS.source_name, 'funding_source', unit, FUNDING_STOP) ??
    columnFunding(rows, unit) ??
    rowFunding(rows, unit);
  if (funding) {
    p.budget_lines.push(...funding.lines);
    p.budget_line_totals.funding_source = funding.total;
  } else if (findLabel(rows, HEADER_FIELDS.funding_sources, { minScore: 0.8 })) missing.push('资金来源');
  const expense = moneyLines(rows, ['项目支出明细', '支出明细', '项目支出预算及测算依据', '明细预算'], COLUMN_LABELS.expense_name, 'expense_item', unit, EXPENSE_STOP);
  if (expense) {
    p.budget_lines.push(...expense.lines);
    p.budget_line_totals.expense_item = expense.total;
  } else if (findLabel(rows, ['项目支出明细', '支出明细', '项目支出预算及测算依据'], { minScore: 0.8 })) missing.push('项目支出明细');

  const g = findField(rows, GOAL_LABELS, { accept: (t) => !isValueLike(t) && t.length > 4 });
  p.goal = g ? textOrNull(g.text, g.ref) : null;
  if (!p.goal) missing.push('绩效总目标');
  if (texts.length) p.texts = texts;

  // 年度绩效指标
  let parsedIndicators = false;
  for (let i = 0; i < rows.length; i++) {
    const h = indicatorHeaderAt(rows, i);
    if (!h) continue;
    const res = parseIndicatorRows(rows, h.last, h.map, { sectionLabels: INDICATOR_SECTION });
    p.indicators.push(...res.items.map((x) => x.indicator));
    parsedIndicators = true;
    i = res.end - 1;
  }
  if (!parsedIndicators) missing.push('年度绩效指标');

  // a budget that only the 合计 of the lines gives
  if (!p.budget_wan && p.budget_line_totals.funding_source) warnings.push('项目当年预算 not found; 资金来源 合计 printed');

  return {
    doc_type: 'declaration',
    variant: classification?.variant ?? null,
    title,
    money_unit: printedUnit,
    projects: [p],
    summary_table: null,
    missing,
    warnings,
  };
}

/** One project per copy of the form: a document holding several declarations is split at their titles. */
export const parseDeclaration: FormParser = (doc, classification) => {
  const parts = splitForms(doc.blocks, TITLE_WORDS, HEADER_FIELDS.project_name);
  if (parts.length === 1) return parseDeclarationDoc(doc, classification);
  const filings = parts.map((blocks) => parseDeclarationDoc({ ...doc, blocks }, classification));
  const tag = (k: number, s: string) => `project ${k + 1}: ${s}`;
  return {
    ...filings[0],
    money_unit: filings[0].money_unit ?? filings.find((f) => f.money_unit)?.money_unit ?? null,
    projects: filings.map((f, k) => ({ ...f.projects[0], seq: k + 1 })),
    missing: filings.flatMap((f, k) => f.missing.map((m) => tag(k, m))),
    warnings: filings.flatMap((f, k) => f.warnings.map((w) => tag(k, w))),
  };
};
