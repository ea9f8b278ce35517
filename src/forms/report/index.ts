/**
 * Parser of a 项目支出绩效自评报告 (self-evaluation report): one Project per project
 * evaluated, merged from the report's parts —
 *  1. the title and opening prose (fiscal year, reporting unit, stated count and total);
 *  2. the summary table (序号 / 项目名称 / 预算数 / 全年执行数 / 得分 / 自评等级 + 合计);
 *  3. one section per project (项目构成 table, 绩效目标 table, funding and indicator prose);
 *  4. the attachments, one 项目支出绩效自评表 per project.
 * A project's fields come from its attachment; the summary row and the narrative are kept
 * as printed so that the checks can compare them (CROSS_REF). What the attachment lacks is
 * filled from the prose (indicator weights and scores) or the summary row.
 */
import type { Block, TextLine } from '../../model/layout.js';
import type { Indicator, Narrative, Num, Project, ScoreItem, SummaryRow, Text } from '../../../schemas/record.js';
import type { Classification } from '../../classify/types.js';
import { emptyProject, type FormParser, type ParsedFiling } from '../types.js';
import { textValue } from '../../model/values.js';
import { agrees } from '../../text/numbers.js';
import { continuationTables, lineRef } from './grid.js';
import { DEFAULT_INDICATOR_SECTION, FUNDS_ITEM_WORDS, PRINTED_UNIT_RE, SELF_EVAL_TABLE_CELL_RE } from './patterns.js';
import { bestMatch, nameMatch } from './names.js';
import { parseNarrativeParts, type SectionScore } from './narrative.js';
import { readDocumentFacts, type DocumentFacts } from './document.js';
import { findSummaryTable, type SummaryTable } from './summary.js';
import { findRegion, findSections, firstAttachment, type Section } from './sections.js';
import { readSectionTables, type SectionTables } from './section-tables.js';
import { findAttachments, type Attachment, type AttachmentParser, type AttachmentResult } from './attachments.js';
import { parseSelfEvalTableBlocks } from '../self-eval-table/index.js';

export type { AttachmentParser, AttachmentResult } from './attachments.js';

interface SectionPart {
  section: Section;
  tables: SectionTables;
  narrative: Narrative;
  sectionScores: SectionScore[];
  /** A self-evaluation table printed inside the section rather than attached. */
  embedded: AttachmentResult | null;
  /** The section's prose lines (tables excluded), kept as the project's text blocks. */
  prose: Text[];
}

interface AttachmentPart {
  attachment: Attachment;
  result: AttachmentResult | null;
}

interface Slot {
  summaryRow: SummaryRow | null;
  section: SectionPart | null;
  attachment: AttachmentPart | null;
}

function slotName(s: Slot): string | null {
  return s.summaryRow?.project_name.value ?? s.attachment?.result?.project.project_name?.value ?? s.section?.section.title ?? null;
}

function sectionLines(blocks: readonly Block[], s: Section, used: Set<number>): TextLine[] {
  const out: TextLine[] = [];
  for (let i = s.start + 1; i < s.end; i++) {
    const b = blocks[i];
    if (b.kind === 'line' && !used.has(i)) out.push(b.line);
  }
  return out;
}

/** Build the report parser around a parser of one attached self-evaluation table. */
export function makeReportParser(parseAttachment: AttachmentParser | null): FormParser {
  return (doc, classification) => parseReportWith(doc.blocks, classification, parseAttachment);
}

export const parseReport: FormParser = makeReportParser(parseSelfEvalTableBlocks);

function parseReportWith(blocks: Block[], classification: Classification, parseAttachment: AttachmentParser | null): ParsedFiling {
  const missing: string[] = [];
  const warnings: string[] = [];
  const attachmentsStart = firstAttachment(blocks, 0);
  let region = findRegion(blocks, 0);
  // Part 1: document facts, from the opening (before the project sections).
  const facts = readDocumentFacts(blocks, region.headed ? region.start : attachmentsStart);

  // Part 2: the summary table, before the sections (else anywhere before the attachments).
  const summary = findSummaryTable(blocks, 0, region.headed ? region.start : attachmentsStart) ?? (region.headed ? findSummaryTable(blocks, region.start, attachmentsStart) : null);
  if (!region.headed && summary) region = { ...region, start: Math.max(...summary.blockIndexes) + 1 };
  if (!summary) missing.push('no summary table (项目名称 / 预算数 / 全年执行数 / 得分 / 自评等级)');
  const summaryNames = summary ? summary.rows.map((r) => r.project_name.value) : [];
  const defaultUnit = summary?.moneyUnit ?? '万元';

  // Part 3: sections.
  let sections = findSections(blocks, region, summaryNames);
  if (sections.length === 0 && region.end > region.start && summaryNames.length <= 1) {
    sections = [{ start: region.start - 1, end: region.end, heading: null, title: summaryNames[0] ?? '', summaryIndex: summaryNames.length ? 0 : -1 }];
  }
  const fallback = sections.length === 1 && sections[0].heading === null;
  const sectionParts: SectionPart[] = sections.map((section, k) => {
    const tables = readSectionTables(blocks, section.start + 1, section.end, defaultUnit);
    const lines = sectionLines(blocks, section, tables.used);
    const { narrative, sectionScores } = parseNarrativeParts(lines);
    const embedded = parseAttachment ? embeddedForm(blocks, section, tables.used, k + 1, parseAttachment, facts, warnings) : null;
    const prose = lines.filter((l) => l.text.trim()).map((l) => textValue(l.text, lineRef(l), l.text));
    return { section, tables, narrative, sectionScores, embedded, prose };
  });
  // A region taken whole as the one project's section must say something of a project.
  if (fallback && !saysSomething(sectionParts[0])) sectionParts.length = 0;

  // Part 4: attachments.
  const attachmentParts: AttachmentPart[] = findAttachments(blocks, attachmentsStart).map((attachment, k) => {
    if (!parseAttachment) return { attachment, result: null };
    try {
      const own = blocks.slice(attachment.start + 1, attachment.end);
      // The summary's unit only for an attachment that prints none of its own.
      const printsUnit = own.some((b) => PRINTED_UNIT_RE.test(b.kind === 'line' ? b.line.text : b.table.cells.map((c) => c.text).join(' ')));
      const result = parseAttachment(own, k + 1, {
        ...(summary && !printsUnit ? { moneyUnit: summary.moneyUnit } : {}),
        ...(facts.fiscalYear ? { fiscalYear: facts.fiscalYear.value } : {}),
      });
      return { attachment, result };
    } catch (e) {
      warnings.push(`attachment ${attachment.label ?? k + 1}: could not be parsed (${(e as Error).message})`);
      return { attachment, result: null };
    }
  });

  const slots = assemble(summary, sectionParts, attachmentParts, warnings);
  const projects = slots.map((slot, k) => buildProject(slot, k + 1, facts, missing, warnings));

  documentWarnings(facts, summary, projects, warnings);
  if (projects.length === 0) missing.push('no project found (no summary table, project section or attachment)');

  const variants = attachmentParts.map((a) => a.result?.variant).filter((v): v is string => !!v);
  return {
    doc_type: 'self_eval_report',
    variant: variants[0] ?? classification.variant ?? null,
    title: facts.title,
    money_unit: summary ? summary.moneyUnit : null,
    projects,
    summary_table: summary
      ? { rows: summary.rows, total_budget_wan: summary.total_budget_wan, total_executed_wan: summary.total_executed_wan }
      : null,
    missing,
    warnings,
  };
}

function saysSomething(part: SectionPart): boolean {
  const n = part.narrative;
  const t = part.tables;
  return !!(
    n.budget_wan ||
    n.executed_wan ||
    n.execution_rate ||
    n.total_score ||
    n.grade ||
    n.indicator_scores.length ||
    t.budgetLines.length ||
    t.indicators.length ||
    t.goal ||
    part.embedded
  );
}

/** A self-evaluation table inside a section (its tables not read as 项目构成 or 绩效目标). */
function embeddedForm(
  blocks: readonly Block[],
  section: Section,
  used: Set<number>,
  seq: number,
  parseAttachment: AttachmentParser,
  facts: DocumentFacts,
  warnings: string[],
): AttachmentResult | null {
  for (let i = section.start + 1; i < section.end; i++) {
    const b = blocks[i];
    if (b.kind !== 'table' || used.has(i)) continue;
    if (!b.table.cells.some((c) => SELF_EVAL_TABLE_CELL_RE.test(c.text))) continue;
    const own = [b, ...continuationTables(blocks, i, section.end).map((k) => blocks[k])];
    try {
      const r = parseAttachment(own, seq, facts.fiscalYear ? { fiscalYear: facts.fiscalYear.value } : {});
      return isEmptyResult(r) ? null : r;
    } catch (e) {
      warnings.push(`section ${section.title}: its self-evaluation table could not be parsed (${(e as Error).message})`);
      return null;
    }
  }
  return null;
}

/** One slot per project: summary rows in order, then sections and attachments matched to them. */
function assemble(summary: SummaryTable | null, sections: SectionPart[], attachments: AttachmentPart[], warnings: string[]): Slot[] {
  const slots: Slot[] = (summary?.rows ?? []).map((summaryRow) => ({ summaryRow, section: null, attachment: null }));
  const summaryNames = slots.map(slotName);

  const leftSections: SectionPart[] = [];
  for (const part of sections) {
    let k = part.section.summaryIndex;
    if (k < 0 || slots[k]?.section) {
      const taken = new Set(slots.flatMap((s, i) => (s.section ? [i] : [])));
      k = bestMatch(part.section.title, summaryNames, taken);
    }
    if (k >= 0 && !slots[k].section) slots[k].section = part;
    else leftSections.push(part);
  }
  // Sections matching no summary row: by order among the rows without one when there are
  // enough of them, else new projects.
  const freeRows = slots.filter((s) => !s.section && s.summaryRow);
  const byOrder = leftSections.length <= freeRows.length;
  leftSections.forEach((part, n) => {
    if (byOrder) {
      freeRows[n].section = part;
      if (part.section.title) warnings.push(`section “${part.section.title}” matched to summary row “${slotName(freeRows[n])}” by order`);
    } else slots.push({ summaryRow: null, section: part, attachment: null });
  });

  // Attachments: by name first, then by order among the projects without one.
  const left: AttachmentPart[] = [];
  for (const a of attachments) {
    const name = a.result?.project.project_name?.value ?? a.attachment.nameHint;
    const taken = new Set(slots.flatMap((s, i) => (s.attachment ? [i] : [])));
    const k = name ? bestMatch(name, slots.map(slotName), taken) : -1;
    if (k >= 0) slots[k].attachment = a;
    else left.push(a);
  }
  for (const a of left) {
    if (a.result && isEmptyResult(a.result)) continue;
    const name = a.result?.project.project_name?.value ?? a.attachment.nameHint;
    const target = slots.find((s) => !s.attachment);
    if (!target) {
      slots.push({ summaryRow: null, section: null, attachment: a });
      continue;
    }
    target.attachment = a;
    const label = a.attachment.label ? `attachment ${a.attachment.label}` : 'an attachment';
    if (name && slotName(target)) warnings.push(`${label} (项目名称 “${name}”) matched to project “${slotName(target)}” by order`);
  }
  return slots;
}

function isEmptyResult(r: AttachmentResult): boolean {
  const p = r.project;
  return !p.project_name && !p.budget_wan && !p.executed_wan && p.indicators.length === 0 && p.scores.length === 0 && !p.score_reported;
}

function fill<T>(current: T | null, ...alternatives: (T | null | undefined)[]): T | null {
  if (current != null) return current;
  for (const a of alternatives) if (a != null) return a;
  return null;
}

function buildProject(slot: Slot, seq: number, facts: DocumentFacts, missing: string[], warnings: string[]): Project {
  const embedded = !slot.attachment?.result && slot.section?.embedded ? slot.section.embedded : null;
  const att = slot.attachment?.result ?? embedded;
  const section = slot.section;
  const narrative = section?.narrative ?? null;
  const row = slot.summaryRow;
  const p: Project = att ? structuredClone(att.project) : emptyProject(seq);
  p.seq = seq;
  const label = slotName(slot) ?? `#${seq}`;
  const parts = new Set<Project['parts'][number]>();
  if (row) parts.add('summary_table');
  if (section) parts.add('narrative');
  if (att) parts.add(embedded ? 'form' : 'attachment');
  p.parts = (['form', 'summary_table', 'narrative', 'attachment'] as const).filter((x) => parts.has(x));

  p.fiscal_year = fill(p.fiscal_year, facts.fiscalYear);
  p.unit = fill(p.unit, facts.unit);
  const headingName: Text | null =
    section?.section.heading && section.section.title ? textValue(section.section.title, lineRef(section.section.heading), section.section.heading.text) : null;
  p.project_name = fill(p.project_name, row?.project_name, headingName);
  p.summary_row = row;
  p.narrative = narrative;
  if (section?.prose.length) p.texts = [...(p.texts ?? []), ...section.prose.map((text) => ({ label: '正文', text }))];

  if (att) {
    const where = embedded ? 'self-evaluation table' : 'attachment';
    for (const m of att.missing) missing.push(`project ${seq} (${label}) ${where}: ${m}`);
    for (const w of att.warnings) warnings.push(`project ${seq} (${label}) ${where}: ${w}`);
  } else if (slot.attachment) {
    missing.push(`project ${seq} (${label}): attachment ${slot.attachment.attachment.label ?? ''} not parsed`.replace('  ', ' '));
  } else {
    missing.push(`project ${seq} (${label}): no attached self-evaluation table (附件); fields from the summary table and the prose`);
  }
  if (!section) missing.push(`project ${seq} (${label}): no section in the report's prose`);

  // What the attachment lacks (or all of it, without one): from the prose, then the summary row.
  const filled: string[] = [];
  const take = <K extends 'budget_wan' | 'executed_wan' | 'execution_rate_reported' | 'score_reported'>(key: K, ...alts: (Num | null | undefined)[]) => {
    if (p[key] != null) return;
    const v = fill<Num>(null, ...alts);
    if (v) {
      p[key] = v;
      filled.push(key);
    }
  };
  take('budget_wan', narrative?.budget_wan, row?.budget_wan);
  take('executed_wan', narrative?.executed_wan, row?.executed_wan);
  take('execution_rate_reported', narrative?.execution_rate);
  take('score_reported', narrative?.total_score, row?.score);
  if (p.grade_reported == null) {
    const g = fill<Text>(null, narrative?.grade, row?.grade);
    if (g) {
      p.grade_reported = g;
      filled.push('grade_reported');
    }
  }
  if (att && filled.length) warnings.push(`project ${seq} (${label}): ${filled.join(', ')} not in the attachment, taken from the report`);

  if (section) {
    const t = section.tables;
    if (t.budgetLines.length) p.budget_lines = [...p.budget_lines.filter((l) => l.kind !== 'sub_project'), ...t.budgetLines];
    if (t.subProjectTotal) p.budget_line_totals = { ...p.budget_line_totals, sub_project: t.subProjectTotal };
    p.goal = fill(p.goal, t.goal);
    if (p.indicators.length === 0 && t.indicators.length) p.indicators = t.indicators.map((i) => structuredClone(i));
  }
  if (narrative) mergeNarrativeScores(p, narrative, section?.sectionScores ?? [], warnings);
  return p;
}

/** Indicators' weight and score from the prose, and one ScoreItem per indicator the prose scores. */
function mergeNarrativeScores(p: Project, n: Narrative, sectionScores: SectionScore[], warnings: string[]): void {
  // A scored section the attachment prints without per-indicator scores (绩效指标 60 → no
  // score) stands in the scores as one item; with the prose's per-indicator items it becomes
  // a section total, so that the items are not counted twice.
  if (n.indicator_scores.length > 0) {
    const placeholders = p.scores.filter((s) => s.role === 'indicator' && s.score_reported == null && nameMatch(s.item.value, s.section) >= 2);
    for (const ph of placeholders) {
      if (!p.section_totals.some((t) => nameMatch(t.section, ph.section) >= 2)) {
        p.section_totals.push({ section: ph.section, weight: ph.weight, score_reported: null });
      }
    }
    p.scores = p.scores.filter((s) => !placeholders.includes(s));
  }
  const indicatorNames = p.indicators.map((i) => i.name.value);
  const usedIndicators = new Set<number>();
  const existing = p.scores.filter((s) => s.role === 'indicator');
  const usedItems = new Set<number>();
  const added: ScoreItem[] = [];
  const unmatched: string[] = [];
  const attachmentScores = existing.some((s) => s.score_reported != null);
  for (const ns of n.indicator_scores) {
    // A scored paragraph on the funds outside any indicator section (`（一）预算执行率（10分）`) is
    // the budget-execution item: it fills the attachment's, never adds an indicator.
    if (ns.section === null && FUNDS_ITEM_WORDS.some((w) => ns.name.value.includes(w))) {
      const funds = p.scores.find((s) => s.role === 'budget_execution');
      if (funds) {
        if (funds.weight == null && ns.weight) funds.weight = ns.weight;
        if (funds.score_reported == null && ns.score) funds.score_reported = ns.score;
      } else {
        added.push({ section: ns.name.value, item: ns.name, role: 'budget_execution', weight: ns.weight, score_reported: ns.score, score_recomputed: null });
      }
      continue;
    }
    const k = bestMatch(ns.name.value, indicatorNames, usedIndicators);
    let ind: Indicator | null = null;
    if (k >= 0) {
      usedIndicators.add(k);
      ind = p.indicators[k];
      if (ind.weight == null && ns.weight) ind.weight = ns.weight;
      if (ind.score_reported == null && ns.score) ind.score_reported = ns.score;
    }
    const e = bestMatch(
      ns.name.value,
      existing.map((s) => s.item.value),
      usedItems,
    );
    if (e >= 0) {
      usedItems.add(e);
      const item = existing[e];
      if (item.weight == null && ns.weight) item.weight = ns.weight;
      if (item.score_reported == null && ns.score) item.score_reported = ns.score;
      continue;
    }
    // The attachment scores its indicators itself: a prose item it does not list is not added
    // (it would be counted twice under another name).
    if (attachmentScores) {
      unmatched.push(ns.name.value);
      continue;
    }
    added.push({
      section: ns.section ?? ind?.level1?.value ?? DEFAULT_INDICATOR_SECTION,
      item: ns.name,
      role: 'indicator',
      weight: ns.weight ?? ind?.weight ?? null,
      score_reported: ns.score ?? ind?.score_reported ?? null,
      score_recomputed: null,
    });
  }
  p.scores.push(...added);
  if (unmatched.length) {
    warnings.push(`project ${p.seq}: the prose scores ${unmatched.map((x) => `“${x}”`).join(', ')}, which the attachment's scored indicators do not list`);
  }
  // Sections the prose weighs (and scores): totals the attachment does not print.
  for (const ss of sectionScores) {
    const t = p.section_totals.find((x) => nameMatch(x.section, ss.section.value) >= 2);
    if (!t) p.section_totals.push({ section: ss.section.value, weight: ss.weight, score_reported: ss.score });
    else {
      if (t.weight == null) t.weight = ss.weight;
      if (t.score_reported == null && ss.score) t.score_reported = ss.score;
    }
  }
}

function documentWarnings(facts: DocumentFacts, summary: SummaryTable | null, projects: Project[], warnings: string[]): void {
  if (facts.statedCount && facts.statedCount.value !== projects.length) {
    warnings.push(
      `the report states ${facts.statedCount.value} projects (line ${facts.statedCount.line.line ?? '?'}, page ${facts.statedCount.line.page}) but ${projects.length} were found`,
    );
  }
  const stated = facts.statedTotal;
  if (stated) {
    const total = summary?.total_budget_wan;
    if (total && !agrees(stated.value, stated.ulp, total.value, total.ulp)) {
      warnings.push(`the report states a total of ${stated.value} 万元 but its summary table's 合计 is ${total.value} 万元`);
    }
    const budgets = projects.map((p) => p.budget_wan);
    if (budgets.length && budgets.every((b): b is Num => b != null)) {
      const sum = budgets.reduce((a, b) => a + b.value, 0);
      const ulp = Math.max(...budgets.map((b) => b.ulp));
      if (!agrees(stated.value, stated.ulp, Math.round(sum * 1e6) / 1e6, ulp)) {
        warnings.push(`the report states a total of ${stated.value} 万元 but its projects' budgets sum to ${Math.round(sum * 1e6) / 1e6} 万元`);
      }
    }
  }
}
