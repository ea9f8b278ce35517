/**
 * 项目支出绩效自评表 (self-evaluation table), one shared code path for the variants
 * (hubei, national, shanxi; data in `labels/variants.ts`): header fields by label, the
 * 项目资金 table (年度资金总额 → A, B, rate and the budget-execution score; 其中 rows),
 * the goal row, the indicator table, and the 评分表 of Shanxi-style forms.
 */
import type { Block, LaidOutDocument } from '../../model/layout.js';
import type { FundRow, Num, Project, ScoreItem, SectionTotal, Text } from '../../../schemas/record.js';
import type { Classification } from '../../classify/types.js';
import { detectVariantOfText } from '../../classify/index.js';
import { isMoneyText, moneyFrom, numFrom, strictNumFrom, textOrNull, textValue } from '../../model/values.js';
import type { MoneyUnit } from '../../text/numbers.js';
import { emptyProject, type FormParser, type ParsedFiling } from '../types.js';
import { COLUMN_LABELS, FUND_FIELDS, HEADER_EXTRAS, HEADER_FIELDS, ROW_LABELS, STOP_LABELS, WHOLE_DEPARTMENT_TITLE_WORDS } from '../../vocabulary/fields.js';
import { labelWeight, matchLabel, normalizeLabel, withoutWeight } from '../../vocabulary/match.js';
import { SCORE_ITEM_NAMES } from '../../vocabulary/score-items.js';
import { variantDef, type SectionDef, type VariantDef } from '../../vocabulary/variants.js';
import { EMPTY_VALUE } from '../../vocabulary/categories.js';
import {
  continuedRows,
  documentRows,
  findField,
  mapColumns,
  ownCells,
  ownCellIn,
  readRoles,
  rowText,
  type ColumnMap,
  type Row,
  type RowCell,
  wrappedHeaderAt,
} from '../../tables/index.js';
import { findMoneyUnit, findTitle, unreadYearText, yearIn, yearLine, yearNum } from '../document-facts.js';
import { readDepartment, tidyProjectName } from '../header-values.js';
import { splitForms } from '../split.js';
import { readRate } from './rates.js';
import { foldWrappedBands } from './wrapped-bands.js';
import { indicatorHeader, indicatorHeaderAt, isScoringSection, isValueLike, parseIndicatorRows } from './indicators.js';

export interface SelfEvalTableOptions {
  moneyUnit?: '万元' | '元';
  fiscalYear?: number;
  /** Variant when the caller knows it; detected from the blocks otherwise. */
  variant?: string | null;
}

export interface SelfEvalTableResult {
  project: Project;
  variant: string | null;
  missing: string[];
  warnings: string[];
}

const FUND_ROLES = {
  initial_budget: COLUMN_LABELS.initial_budget,
  budget: COLUMN_LABELS.budget,
  executed: COLUMN_LABELS.executed,
  execution_rate: COLUMN_LABELS.execution_rate,
  weight: COLUMN_LABELS.weight,
  score: COLUMN_LABELS.score,
} as const;

const GOAL_ROLES = {
  goal_set: COLUMN_LABELS.goal_set,
  goal_achieved: COLUMN_LABELS.goal_achieved,
  score: COLUMN_LABELS.score,
  weight: COLUMN_LABELS.weight,
} as const;

const SCORE_TABLE_ROLES = {
  level1: COLUMN_LABELS.level1,
  level2: COLUMN_LABELS.level2,
  name: COLUMN_LABELS.name,
  weight: COLUMN_LABELS.weight,
  score: COLUMN_LABELS.score,
  target: COLUMN_LABELS.target,
} as const;

const GOAL_SECTION_LABELS = ['项目绩效目标', '项目绩效总目标', '绩效目标', '绩效总目标', '年度总体目标', '总体目标', '年度目标'];
const INDICATOR_SECTION_LABELS = ['绩效指标', '项目绩效指标', '绩效目标实现情况', '年度绩效指标', '绩效指标完成情况'];
const FUND_SECTION_LABELS = ['项目资金', '项目资金情况', '资金情况', '年度资金', '预算资金', '部门预算资金', '预算资金情况'];
const TOTAL_SCORE_LABELS = ['总分', '合计', '综合得分', '自评总分', '总得分'];

function isNum(t: string): boolean {
  return /\d/.test(t) && (isValueLike(t.replace(/万?元$/, '')) || isMoneyText(t));
}

function sectionFor(v: VariantDef | undefined, text: string): SectionDef | undefined {
  if (!v) return undefined;
  const n = normalizeLabel(withoutWeight(text));
  return v.sections.find((s) => s.labels.some((l) => normalizeLabel(l) === n));
}

function weightNum(w: number, cell: RowCell): Num {
  return { value: w, ulp: Number.isInteger(w) ? 1 : 0.01, src: { ...numFrom(String(w), cell.ref)!.src, raw: cell.raw } };
}

function textOf(c: RowCell | null | undefined): Text | null {
  return c ? textOrNull(c.text, c.ref) : null;
}

/** Complete an item name torn at a cell edge from the template's item names. */
function completeItemName(tail: string, prefix: string | null): string {
  const t = normalizeLabel(tail) || tail;
  const known = SCORE_ITEM_NAMES as readonly string[];
  if (known.includes(t)) return t;
  if (prefix) {
    const joined = normalizeLabel(prefix + tail);
    if (known.includes(joined)) return joined;
  }
  const ends = known.filter((k) => k.endsWith(t) && k.length - t.length <= 2);
  if (ends.length === 1) return ends[0];
  if (prefix && [...prefix].length === 1 && !t.startsWith(prefix)) return prefix + tail;
  return tail;
}

interface Ctx {
  rows: Row[];
  variant: VariantDef | undefined;
  unit: MoneyUnit;
  project: Project;
  missing: string[];
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------

function readHeader(ctx: Ctx): void {
  const { rows, project: p } = ctx;
  const field = (syn: readonly string[], accept?: (t: string) => boolean) => findField(rows, syn, { accept });
  const n = field(HEADER_FIELDS.project_name);
  p.project_name = n ? textOrNull(n.text, n.ref) : null;
  readDepartment(rows, p);
  const impl = field(HEADER_FIELDS.implementing_unit);
  p.unit = impl ? textOrNull(impl.text, impl.ref) : null;
  if (!p.unit && !rows.some((r) => ownCells(r).some((c) => matchLabel(c.text, HEADER_FIELDS.implementing_unit) > 0))) {
    const u = field(HEADER_FIELDS.unit, (t) => !/^(万元|元)$/.test(t));
    p.unit = u ? textOrNull(u.text, u.ref) : null;
  }
  for (const key of HEADER_EXTRAS) {
    const f = field(HEADER_FIELDS[key]);
    const t = f ? textOrNull(f.text, f.ref) : null;
    if (t) p.header[key] = t;
  }
  const g = field(HEADER_FIELDS.grade, (t) => /^(优|良|中|差|合格|不合格)/.test(t));
  p.grade_reported = g ? textOrNull(g.text, g.ref) : null;
  tidyProjectName(p);
}

/** A project name printed alone under the title (torn from its label). */
function nameUnderTitle(rows: readonly Row[]): RowCell | null {
  for (let i = 0; i < rows.length; i++) {
    const t = rowText(rows[i]);
    if (!/自评表/.test(t)) continue;
    for (let k = i + 1; k < Math.min(rows.length, i + 4); k++) {
      const r = rows[k];
      if (r.table) break;
      const own = ownCells(r);
      if (own.length !== 1) continue;
      const s = own[0].text;
      if (/^[(（]?\s*\d{4}\s*年度?\s*[)）]?$/.test(s) || /[:：]/.test(s) || s.length > 40) continue;
      return own[0];
    }
  }
  return null;
}

function readYear(ctx: Ctx, given: number | undefined): void {
  const p = ctx.project;
  if (given !== undefined) {
    p.fiscal_year = { value: given, ulp: 1, src: { raw: String(given) } };
    return;
  }
  for (const row of ctx.rows) {
    const own = ownCells(row);
    for (const c of own) {
      const y = /年度/.test(c.text) ? yearLine(c.text) : null;
      if (y !== null) {
        p.fiscal_year = yearNum(y, c.ref, c.raw);
        return;
      }
    }
  }
  const title = findTitle(ctx.rows, ['自评表']);
  const tc = title ? ownCells(title)[0] : null;
  const y = tc ? yearIn(tc.text) : null;
  if (y !== null && tc) p.fiscal_year = yearNum(y, tc.ref, tc.raw);
  else {
    // never silent: a year printed in a spelling not read is named in the record
    const unread = unreadYearText(ctx.rows);
    ctx.missing.push(unread ? `年度 (fiscal year) printed as '${unread}', not read` : '年度 (fiscal year)');
  }
}

function isSectionStart(row: Row): boolean {
  const own = ownCells(row);
  if (!own.length) return false;
  if (indicatorHeader(row)) return true;
  const goal = mapColumns(row, GOAL_ROLES);
  if (goal.goal_set && (goal.goal_achieved || goal.score)) return true;
  return own.slice(0, 2).some((c) => matchLabel(c.text.split(/[:：]/)[0], [...STOP_LABELS, ...GOAL_SECTION_LABELS, ...INDICATOR_SECTION_LABELS], { prefix: false, fuzzy: false }) > 0);
}

/**
 * The label of a block standing over its rows (a first cell merged down, `预算资金（万元）` of
 * the whole-department form): the block's name, never one of its columns.
 */
function blockLabel(row: Row): RowCell[] {
  const own = ownCells(row);
  if (own.length < 4) return [];
  const named = matchLabel(withoutWeight(own[0].text), FUND_SECTION_LABELS, { prefix: false, fuzzy: false }) > 0;
  return own[0].rowSpan > 1 || named ? [own[0]] : [];
}

function readFunds(ctx: Ctx): void {
  const { rows, project: p, variant, unit } = ctx;
  let headerIdx = -1;
  let headerTop = -1;
  let map: ColumnMap<keyof typeof FUND_ROLES> = {};
  for (let i = 0; i < rows.length; i++) {
    // a row of `label | amount` pairs is not a header (预算数（万元） | 536.22 | 执行数（万元） | 488.93)
    if (ownCells(rows[i]).some((c) => isNum(c.text))) continue;
    // header labels may wrap onto a second row (`预算执行` / `数`)
    // a block's label merged down over its rows (预算资金（万元）) is never one of its columns
    const h = wrappedHeaderAt(rows, i, FUND_ROLES, (m) => !!(m.budget && m.executed), { skip: blockLabel(rows[i]) });
    if (h) {
      headerTop = i;
      headerIdx = h.last;
      map = h.map;
      break;
    }
  }
  if (headerIdx < 0) {
    // Shanxi-style: 预算资金 / 实际支出资金 as row labels with their amounts to the right
    const b = findField(rows, FUND_FIELDS.budget, { accept: isNum, minScore: 1 });
    const e = findField(rows, FUND_FIELDS.executed, { accept: isNum, minScore: 1 });
    p.budget_wan = b ? moneyFrom(b.text, b.ref, unit) : null;
    p.executed_wan = e ? moneyFrom(e.text, e.ref, unit) : null;
    if (!p.budget_wan) ctx.missing.push('项目资金 (预算数)');
    if (!p.executed_wan) ctx.missing.push('项目资金 (执行数)');
    return;
  }
  const headerRow = rows[headerTop];
  const firstRoleCol = Math.min(...Object.values(map).map((s) => s!.col));
  const sectionCell = ownCells(headerRow).find((c) => c.col < firstRoleCol) ?? null;
  const section = sectionCell ? sectionFor(variant, sectionCell.text) : variant?.sections.find((s) => s.role === 'budget_execution');
  const labelW = sectionCell ? labelWeight(sectionCell.text) : null;
  let total: { row: FundRow; cells: Partial<Record<keyof typeof FUND_ROLES, RowCell>> } | null = null;
  const unreadParts: string[] = [];
  const isTotalRow = (row: Row) => {
    const first = ownCells(row)[0];
    return !!first && matchLabel(first.text, ROW_LABELS.fund_total, { prefix: false }) > 0 && ownCells(row).some((c) => isNum(c.text));
  };
  const isNamed = (row: Row) =>
    ownCells(row).some((c) => c.col < firstRoleCol && !isNum(c.text) && !(matchLabel(withoutWeight(c.text), FUND_SECTION_LABELS, { prefix: false }) > 0));
  // cells wrapped over two lines in a table without inner borders: bands folded into their row
  const fundRowsRead = foldWrappedBands([...continuedRows(rows, headerIdx)], map, isNamed, (row) => !isTotalRow(row) && isSectionStart(row));
  for (const row of fundRowsRead) {
    // 合计 names the total row here, not the end of the table
    const totalRow = isTotalRow(row);
    if (!totalRow && isSectionStart(row)) break;
    const again = mapColumns(row, FUND_ROLES);
    if (again.budget && again.executed) continue; // the header printed again (a table continued on the next page)
    const own = ownCells(row).filter((c) => !(c.col < firstRoleCol && matchLabel(withoutWeight(c.text), FUND_SECTION_LABELS, { prefix: false }) > 0));
    const nameCell = own.find((c) => c.col < firstRoleCol && !isNum(c.text)) ?? null;
    if (!nameCell) continue;
    const vals = readRoles(row, map, { initial_budget: 'number', budget: 'number', executed: 'number', execution_rate: 'any', weight: 'number', score: 'number' }, { minCol: nameCell.col + 1 });
    const name = nameCell.text.replace(/^其中\s*[:：]?\s*/, '').replace(/[:：]\s*$/, '').trim();
    // a cell printed under a money or score column that is not read as a number
    const unread: string[] = [];
    for (const k of ['initial_budget', 'budget', 'executed', 'weight', 'score'] as const) {
      const span = map[k];
      if (!span || vals[k]) continue;
      const c = ownCellIn(row, span.col, span.span);
      if (c && c.col > nameCell.col && !EMPTY_VALUE.test(c.text)) unread.push(`${span.header.text} "${c.text}"`);
    }
    let rate: Num | null = null;
    if (vals.execution_rate) {
      const r = readRate(vals.execution_rate.text, vals.execution_rate.ref, map.execution_rate?.header.text ?? null);
      rate = r.rate;
      if (r.unread) unread.push(`${map.execution_rate?.header.text ?? '执行率'} "${r.unread}"`);
      if (r.note) ctx.warnings.push(`${name}: ${r.note}`);
      if (!rate) delete vals.execution_rate;
    }
    if (unread.length) ctx.missing.push(`项目资金 ${name}: not read: ${unread.join(', ')}`);
    if (Object.keys(vals).length === 0) {
      if (unread.length) unreadParts.push(name);
      continue;
    }
    const money = (k: keyof typeof FUND_ROLES) => (vals[k] ? moneyFrom(vals[k]!.text, vals[k]!.ref, unit) : null);
    const fr: FundRow = {
      name: textValue(name, nameCell.ref, nameCell.raw),
      initial_budget_wan: money('initial_budget'),
      budget_wan: money('budget'),
      executed_wan: money('executed'),
      execution_rate: rate,
      weight: vals.weight ? numFrom(vals.weight.text, vals.weight.ref) : null,
      score: vals.score ? numFrom(vals.score.text, vals.score.ref) : null,
    };
    p.fund_rows.push(fr);
    const isTotal = !total && (matchLabel(name, ROW_LABELS.fund_total, { prefix: false }) > 0 || p.fund_rows.length === 1);
    if (isTotal) total = { row: fr, cells: vals };
    else {
      if (unread.length) unreadParts.push(name);
      // a funding-source row (其中：当年财政拨款, 上年结转资金 …): a budget line (contract v2 conventions)
      p.budget_lines.push({ kind: 'funding_source', name: fr.name, amount_wan: fr.budget_wan });
    }
  }
  if (unreadParts.length && total) {
    // an unread 其中 row must never count as zero in a sum: keep the parts out of the sums
    p.fund_rows = p.fund_rows.filter((r) => r === total!.row);
    ctx.warnings.push(`项目资金: 其中 rows not summed (unread: ${unreadParts.join(', ')})`);
  }
  if (!total) {
    ctx.missing.push('年度资金总额');
    return;
  }
  const t = total.row;
  p.budget_wan = t.budget_wan;
  p.executed_wan = t.executed_wan;
  p.initial_budget_wan = t.initial_budget_wan;
  p.execution_rate_reported = t.execution_rate;
  const weight = t.weight ?? (labelW !== null && sectionCell ? weightNum(labelW, sectionCell) : null) ?? (section && sectionCell ? weightNum(section.weight, sectionCell) : null);
  if (!t.weight && weight) t.weight = weight;
  if (weight || t.score) {
    const itemCell = map.execution_rate?.header ?? null;
    // the item is the budget-execution rate, however its column is headed (执行率, 预算执行率(B/A))
    const item = itemCell ? textValue('预算执行率', itemCell.ref, itemCell.raw) : t.name;
    p.scores.push({
      section: section?.key ?? (sectionCell ? withoutWeight(sectionCell.text) : '项目资金'),
      item,
      role: 'budget_execution',
      weight,
      score_reported: t.score,
      score_recomputed: null,
    });
  }
}

function readGoal(ctx: Ctx): void {
  const { rows, project: p, variant } = ctx;
  for (let i = 0; i < rows.length; i++) {
    const map = mapColumns(rows[i], GOAL_ROLES);
    if (!map.goal_set || !(map.goal_achieved || map.score)) continue;
    const firstRoleCol = Math.min(...Object.values(map).map((s) => s!.col));
    const sectionCell = ownCells(rows[i]).find((c) => c.col < firstRoleCol) ?? null;
    for (let k = i + 1; k < Math.min(rows.length, i + 4); k++) {
      const row = rows[k];
      if (isSectionStart(row)) break;
      const vals = readRoles(row, map, { goal_set: 'text', goal_achieved: 'text', score: 'number', weight: 'number' });
      if (!vals.goal_set && !vals.goal_achieved) continue;
      p.goal = textOf(vals.goal_set);
      p.goal_achieved = textOf(vals.goal_achieved);
      const section = sectionCell ? sectionFor(variant, sectionCell.text) : variant?.sections.find((s) => s.role === 'goal');
      const lw = sectionCell ? labelWeight(sectionCell.text) : null;
      const weight = vals.weight ? numFrom(vals.weight.text, vals.weight.ref) : lw !== null && sectionCell ? weightNum(lw, sectionCell) : null;
      const score = vals.score ? numFrom(vals.score.text, vals.score.ref) : null;
      if (score || weight) {
        const itemText = sectionCell ? withoutWeight(sectionCell.text) : '绩效目标';
        p.scores.push({
          section: section?.key ?? '绩效目标',
          item: sectionCell ? textValue(itemText, sectionCell.ref, sectionCell.raw) : textValue(itemText, map.goal_set!.header.ref),
          role: 'goal',
          weight,
          score_reported: score,
          score_recomputed: null,
        });
      }
      return;
    }
  }
  // a goal printed as `label | text`
  const g = findField(rows, ['年初设定目标', '预期目标', '年度总体目标', '项目绩效目标', '绩效目标', '年度目标'], { accept: (t) => t.length > 6 && !isValueLike(t) });
  if (g) p.goal = textOrNull(g.text, g.ref);
  else if (variant?.sections.some((s) => s.role === 'goal')) ctx.missing.push('绩效目标');
}

function readIndicators(ctx: Ctx): { scoreMap: ColumnMap | null; end: number } {
  const { rows, project: p, variant } = ctx;
  let scoreMap: ColumnMap | null = null;
  let end = -1;
  for (let i = 0; i < rows.length; i++) {
    const h = indicatorHeaderAt(rows, i);
    if (!h) continue;
    const map = h.map;
    const res = parseIndicatorRows(rows, h.last, map, { sectionLabels: INDICATOR_SECTION_LABELS });
    const firstCol = Math.min(...Object.values(map).map((s) => s!.col));
    const sectionCell = ownCells(rows[i]).find((c) => c.col < firstCol) ?? null;
    p.indicators.push(...res.items.map((x) => x.indicator));
    const perIndicatorScores = res.items.some((x) => x.indicator.weight || x.indicator.score_reported);
    const budgetItems = variant?.budgetExecutionItems ?? ['预算执行率'];
    if (perIndicatorScores) {
      scoreMap = map;
      for (const x of res.items) {
        const ind = x.indicator;
        // budget execution printed as an ordinary scored row (预算执行率): the funds score item
        const budgetExec = budgetItems.some((b) => normalizeLabel(b) === normalizeLabel(ind.name.value));
        p.scores.push({
          section: ind.level1?.value ?? sectionCell?.text ?? '绩效指标',
          item: ind.name,
          role: budgetExec ? 'budget_execution' : isScoringSection(ind.level1?.value) ? 'other' : 'indicator',
          weight: ind.weight,
          score_reported: ind.score_reported,
          score_recomputed: null,
        });
      }
    } else if (sectionCell) {
      const lw = labelWeight(sectionCell.text);
      const section = sectionFor(variant, sectionCell.text);
      if (lw !== null || (section && section.role === 'indicator')) {
        p.scores.push({
          section: section?.key ?? withoutWeight(sectionCell.text),
          item: textValue(withoutWeight(sectionCell.text), sectionCell.ref, sectionCell.raw),
          role: 'indicator',
          weight: lw !== null ? weightNum(lw, sectionCell) : section ? weightNum(section.weight, sectionCell) : null,
          score_reported: null,
          score_recomputed: null,
        });
      }
    }
    for (const sw of res.sectionWeights) p.section_totals.push({ section: sw.section, weight: sw.weight, score_reported: null });
    end = res.end;
    i = res.end - 1;
  }
  if (p.indicators.length === 0) ctx.missing.push('绩效指标');
  return { scoreMap, end };
}

/** The 评分表 of Shanxi-style forms: sections, their subtotals, scored items, 综合得分. */
function readScoreTable(ctx: Ctx): Num | null {
  const { rows, project: p, variant } = ctx;
  let headerIdx = -1;
  let map: ColumnMap<keyof typeof SCORE_TABLE_ROLES> = {};
  for (let i = 0; i < rows.length; i++) {
    const m = mapColumns(rows[i], SCORE_TABLE_ROLES);
    // a grid whose items stand in its 二级指标 column (no 三级指标): that column names the items
    if (!m.name && m.level2 && m.level1 && m.weight && m.level2.col > m.level1.col) {
      m.name = m.level2;
      delete m.level2;
    }
    if (m.weight && m.name && !m.target) {
      headerIdx = i;
      map = m;
      break;
    }
  }
  if (headerIdx < 0) return null;
  delete map.target;
  if (!map.score) map.score = { col: map.weight!.col + 1, span: 1, score: 0, header: map.weight!.header };
  const nameCol = map.name!.col;
  const l2Col = map.level2?.col ?? -1;
  let section: SectionDef | undefined;
  let sectionName: string | null = null;
  let total: Num | null = null;
  const valueMap: ColumnMap = { weight: map.weight, score: map.score };
  for (const row of continuedRows(rows, headerIdx)) {
    const own = ownCells(row);
    if (!own.length) continue;
    const first = own[0];
    if (matchLabel(first.text.split(/[:：]/)[0], TOTAL_SCORE_LABELS, { prefix: false }) > 0) {
      const v = readRoles(row, valueMap, { weight: 'number', score: 'number' }, { minCol: first.col + 1 });
      if (v.score) total = strictNumFrom(v.score.text, v.score.ref) ?? numFrom(v.score.text, v.score.ref);
      continue;
    }
    if (matchLabel(first.text.split(/[:：]/)[0], ['评价结果等次', '评价人员', '自评等级', '评价等级'], { prefix: false }) > 0) break;
    const secCell = own.find((c) => c.col < nameCol && sectionFor(variant, c.text.replace(/[:：]/g, '')));
    const minValueCol = map.weight!.col;
    const vals = readRoles(row, valueMap, { weight: 'number', score: 'number' }, { minCol: minValueCol });
    const w = vals.weight ? numFrom(vals.weight.text, vals.weight.ref) : null;
    const s = vals.score ? numFrom(vals.score.text, vals.score.ref) : null;
    const texts = own.filter((c) => c.col < minValueCol && c !== secCell && !isNum(c.text));
    if (secCell) {
      section = sectionFor(variant, secCell.text.replace(/[:：]/g, ''));
      sectionName = section?.key ?? withoutWeight(secCell.text);
      const tail = texts.find((c) => c.col >= nameCol);
      if (!tail) {
        const st: SectionTotal = { section: sectionName, weight: w, score_reported: s };
        if (w || s) p.section_totals.push(st);
        continue;
      }
    }
    const nameCell = texts.find((c) => c.col === nameCol) ?? texts.filter((c) => c.col > l2Col).pop() ?? null;
    if (!nameCell || (!w && !s)) continue;
    const prefixCell = texts.find((c) => c.col > l2Col && c.col < nameCell.col) ?? null;
    const name = completeItemName(nameCell.text, prefixCell?.text ?? null);
    const budgetExec = (variant?.budgetExecutionItems ?? ['预算执行率']).some((b) => normalizeLabel(b) === normalizeLabel(name));
    const item: ScoreItem = {
      section: sectionName ?? '评分',
      item: textValue(name, nameCell.ref, prefixCell ? `${prefixCell.raw}|${nameCell.raw}` : nameCell.raw),
      role: budgetExec ? 'budget_execution' : 'other',
      weight: w,
      score_reported: s,
      score_recomputed: null,
    };
    p.scores.push(item);
  }
  return total;
}

function readTotalScore(ctx: Ctx, scoreMap: ColumnMap | null, fromScoreTable: Num | null): void {
  const { rows, project: p } = ctx;
  if (fromScoreTable) {
    p.score_reported = fromScoreTable;
    return;
  }
  const f = findField(rows, HEADER_FIELDS.score, { accept: isNum });
  if (f) {
    p.score_reported = numFrom(f.text, f.ref);
    return;
  }
  // national: a 总分 row, its score in the 得分 column
  for (const row of rows) {
    const own = ownCells(row);
    if (!own.length || matchLabel(own[0].text.split(/[:：]/)[0], ['总分', '合计'], { prefix: false, fuzzy: false }) === 0) continue;
    if (scoreMap && scoreMap.score) {
      const v = readRoles(row, { score: scoreMap.score, weight: scoreMap.weight! }, { score: 'number', weight: 'number' }, { minCol: own[0].col + 1 });
      if (v.score) {
        p.score_reported = numFrom(v.score.text, v.score.ref);
        return;
      }
    }
    const nums = own.filter((c) => isNum(c.text));
    const last = nums[nums.length - 1];
    if (nums.length >= 2 && last) p.score_reported = numFrom(last.text, last.ref);
    return;
  }
}

export function parseSelfEvalTableBlocks(blocks: Block[], seq: number, options: SelfEvalTableOptions = {}): SelfEvalTableResult {
  const rows = documentRows(blocks);
  const allText = rows.map((r) => rowText(r, ' ')).join('\n');
  const variantId = options.variant !== undefined ? options.variant : detectVariantOfText(allText);
  const variant = variantDef(variantId);
  const printed = findMoneyUnit(rows).unit;
  let unit: MoneyUnit = options.moneyUnit ?? printed ?? '万元';
  if (!options.moneyUnit && !printed) {
    if (/[(（]\s*元\s*[)）]/.test(allText) && !/[(（]\s*万元\s*[)）]/.test(allText)) unit = '元';
  }
  const project = emptyProject(seq);
  project.parts = ['form'];
  const ctx: Ctx = { rows, variant, unit, project, missing: [], warnings: [] };
  readHeader(ctx);
  if (!project.project_name) {
    const c = nameUnderTitle(rows);
    if (c) {
      project.project_name = textValue(c.text, c.ref, c.raw);
      tidyProjectName(project);
      ctx.warnings.push('项目名称 read from the line under the title (its table cell is empty)');
    } else if (!WHOLE_DEPARTMENT_TITLE_WORDS.some((w) => allText.includes(w))) ctx.missing.push('项目名称');
  }
  readYear(ctx, options.fiscalYear);
  readFunds(ctx);
  readGoal(ctx);
  const { scoreMap } = readIndicators(ctx);
  const fromScoreTable = readScoreTable(ctx);
  readTotalScore(ctx, scoreMap, fromScoreTable);
  if (!project.score_reported) ctx.missing.push('自评得分');
  return { project, variant: variantId, missing: ctx.missing, warnings: ctx.warnings };
}

export const parseSelfEvalTable: FormParser = (doc: LaidOutDocument, classification: Classification): ParsedFiling => {
  const rows = documentRows(doc.blocks);
  const titleRow = findTitle(rows, ['自评表', '评价表']);
  const tc = titleRow ? ownCells(titleRow)[0] : null;
  const title = tc ? textValue(rowText(titleRow!), tc.ref, tc.raw) : null;
  // one project per copy of the form (a unit filing several projects' tables in one document)
  const parts = splitForms(doc.blocks, ['自评表'], HEADER_FIELDS.project_name);
  const results = parts.map((blocks, k) => parseSelfEvalTableBlocks(blocks, k + 1, { variant: classification.variant ?? undefined }));
  const tag = (k: number, s: string) => (results.length > 1 ? `project ${k + 1}: ${s}` : s);
  return {
    doc_type: 'self_eval_table',
    variant: results[0].variant,
    title,
    money_unit: findMoneyUnit(rows).unit ?? (/[(（]\s*万元\s*[)）]/.test(rows.map((r) => rowText(r)).join('')) ? '万元' : null),
    projects: results.map((r) => r.project),
    summary_table: null,
    missing: results.flatMap((r, k) => r.missing.map((m) => tag(k, m))),
    warnings: results.flatMap((r, k) => r.warnings.map((w) => tag(k, w))),
  };
};
