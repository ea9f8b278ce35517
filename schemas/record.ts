/**
 * The typed record of one filing: the single source of the output types.
 * `npm run schemas` exports these as JSON Schema files into schemas/json/.
 *
 * Every value read from a filing is a `Num` or `Text` carrying its provenance
 * (`src`): page and box for PDFs (points, top-left origin), line for plain text,
 * the raw text it was read from, and the OCR confidence where it was OCR'd.
 */
import { z } from 'zod';

export const DOC_TYPES = ['declaration', 'self_eval_table', 'self_eval_report', 'unknown'] as const;
export const STATUSES = ['ok', 'partial', 'failed'] as const;
export const TEXT_SOURCES = ['pdf_text', 'ocr', 'mixed', 'plain_text'] as const;
export const GRADES = ['优', '良', '中', '差'] as const;
export const BUDGET_LINE_KINDS = ['funding_source', 'expense_item', 'sub_project'] as const;
/** Codes raised within one document (src/checks). */
export const DOC_FLAG_CODES = [
  'BUDGET_SUM',
  'EXEC_RATE',
  'FUNDS_SCORE',
  'TOTAL_SCORE',
  'SCORE_OVER_WEIGHT',
  'GRADE',
  'CROSS_REF',
  'ENTITY',
  'TARGET_MISSED',
] as const;
/** v2: codes raised on a pair of documents of one run (src/links); `other_doc_id` names the other. */
export const PAIR_FLAG_CODES = ['TARGET_CHANGED', 'INDICATOR_DROPPED', 'BUDGET_CHANGED', 'PRIOR_YEAR', 'DUPLICATE'] as const;
export const FLAG_CODES = [...DOC_FLAG_CODES, ...PAIR_FLAG_CODES] as const;
/** v2: how two projects of a run belong together (links.csv `relation`). */
export const LINK_RELATIONS = ['declared_in', 'prior_year', 'duplicate'] as const;
export const SEVERITIES = ['error', 'warning'] as const;

export const DocType = z.enum(DOC_TYPES);
export const Status = z.enum(STATUSES);
export const TextSourceEnum = z.enum(TEXT_SOURCES);
export const Grade = z.enum(GRADES);
export const FlagCode = z.enum(FLAG_CODES);
export const Severity = z.enum(SEVERITIES);

/** Where a value was read. */
export const Provenance = z
  .object({
    page: z.number().int().min(1).optional().describe('1-based page (PDF input)'),
    box: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .optional()
      .describe('[x0, y0, x1, y1] in PDF points, origin top-left'),
    line: z.number().int().min(1).optional().describe('1-based line (plain-text input)'),
    raw: z.string().describe('the text the value was read from, as extracted'),
    confidence: z.number().min(0).max(1).optional().describe('OCR confidence 0..1'),
    repaired_from: z
      .string()
      .optional()
      .describe('the OCR reading this value replaced, when another printing of the name or the GB/T 2260 division list confirmed a one-character slip, or when the row\'s figures decided a target\'s misread comparison sign'),
    /** v2 (recheck --corrections): the value as first read, before an auditor's correction. */
    corrected_from: z.string().optional().describe('the value as read before a correction (recheck)'),
    /** v2: the auditor's note given with the correction. */
    correction_note: z.string().optional().describe('the note of the correction (recheck)'),
  })
  .strict();

/** A number read from the filing. `ulp` is one unit in its last printed digit, in the value's own scale. */
export const Num = z
  .object({
    value: z.number(),
    ulp: z.number().positive().describe('one unit in the last printed digit (99.9% -> 0.001, 40 -> 1)'),
    src: Provenance,
  })
  .strict();

/** A text read from the filing, normalized (half-width digits, ≥/≤, no spaces inside Chinese). */
export const Text = z.object({ value: z.string(), src: Provenance }).strict();

export const BudgetLine = z
  .object({
    kind: z.enum(BUDGET_LINE_KINDS),
    name: Text,
    amount_wan: Num.nullable(),
  })
  .strict();

/** A row of a self-evaluation's 项目资金 table (年度资金总额, 其中 …). */
export const FundRow = z
  .object({
    name: Text,
    initial_budget_wan: Num.nullable(),
    budget_wan: Num.nullable(),
    executed_wan: Num.nullable(),
    execution_rate: Num.nullable(),
    weight: Num.nullable(),
    score: Num.nullable(),
  })
  .strict();

export const Indicator = z
  .object({
    level1: Text.nullable(),
    level2: Text.nullable(),
    name: Text,
    target: Text.nullable(),
    actual: Text.nullable(),
    weight: Num.nullable(),
    score_reported: Num.nullable(),
    note: Text.nullable(),
    /** Decided by the checks stage: true/false for quantitative targets, null when not decidable. */
    met: z.boolean().nullable(),
  })
  .strict();

/** Roles that scoring rules recompute. */
export const SCORE_ROLES = ['budget_execution', 'goal', 'indicator', 'other'] as const;

export const ScoreItem = z
  .object({
    section: z.string().describe('投入, 过程, 产出, 效果, 项目资金, 绩效目标, 绩效指标, 满意度指标 …'),
    item: Text,
    role: z.enum(SCORE_ROLES),
    weight: Num.nullable(),
    score_reported: Num.nullable(),
    score_recomputed: z.number().nullable(),
  })
  .strict();

/** A printed subtotal of a scored section (投入 20 → 17.03). */
export const SectionTotal = z
  .object({
    section: z.string(),
    weight: Num.nullable(),
    score_reported: Num.nullable(),
  })
  .strict();

/** What a report's prose says of one project ("该指标得分为 10 分", "资金使用率为 99.9%"). */
export const Narrative = z
  .object({
    budget_wan: Num.nullable(),
    executed_wan: Num.nullable(),
    execution_rate: Num.nullable(),
    arrival_rate: Num.nullable(),
    total_score: Num.nullable(),
    grade: Text.nullable(),
    section_weights: z.array(z.object({ section: Text, weight: Num }).strict()),
    indicator_scores: z.array(
      z
        .object({
          section: z.string().nullable(),
          name: Text,
          weight: Num.nullable(),
          score: Num.nullable(),
        })
        .strict(),
    ),
    /** Names quoted as this project's own (“2019 年普法宣传项目”). */
    quoted_project_names: z.array(Text),
    /** Organisation names (…局, …委员会) mentioned as the project's holder. */
    named_units: z.array(Text),
  })
  .strict();

/** The row of a report's summary table (序号 / 项目名称 / 预算数 / 全年执行数 / 得分 / 自评等级). */
export const SummaryRow = z
  .object({
    seq: z.number().int().nullable(),
    project_name: Text,
    budget_wan: Num.nullable(),
    executed_wan: Num.nullable(),
    score: Num.nullable(),
    grade: Text.nullable(),
  })
  .strict();

export const Recomputed = z
  .object({
    execution_rate: z.number().nullable().describe('B / A, 4 decimals'),
    funds_score: z.number().nullable().describe('budget-execution item: weight × min(B/A, 1)'),
    score: z.number().nullable().describe('sum of scored items with the budget-execution item recomputed'),
    grade_expected: Grade.nullable().describe('the grade score_reported earns'),
  })
  .strict();

export const Project = z
  .object({
    seq: z.number().int().min(1),
    /** Which parts of the filing this project was assembled from. */
    parts: z.array(z.enum(['form', 'summary_table', 'narrative', 'attachment'])),
    fiscal_year: Num.nullable(),
    unit: Text.nullable(),
    department: Text.nullable(),
    /** v2: the organisation code printed with the 主管部门 (主管部门及代码 `…分局 242` → `242`); null when none is printed. */
    department_code: Text.nullable().optional(),
    project_name: Text.nullable(),
    /** Other header fields found by label (项目代码, 负责人, 项目属性, 项目期, 自评时间 …), keyed by the contract-style English name. */
    header: z.record(z.string(), Text),
    total_budget_wan: Num.nullable(),
    initial_budget_wan: Num.nullable(),
    budget_wan: Num.nullable(),
    executed_wan: Num.nullable(),
    execution_rate_reported: Num.nullable(),
    prior_year_budgets: z.array(z.object({ year: z.number().int(), amount_wan: Num }).strict()),
    fund_rows: z.array(FundRow),
    budget_lines: z.array(BudgetLine),
    /** Printed totals (合计) of each kind of budget line. */
    budget_line_totals: z
      .object({
        funding_source: Num.nullable(),
        expense_item: Num.nullable(),
        sub_project: Num.nullable(),
      })
      .strict(),
    goal: Text.nullable(),
    goal_achieved: Text.nullable(),
    indicators: z.array(Indicator),
    scores: z.array(ScoreItem),
    section_totals: z.array(SectionTotal),
    score_reported: Num.nullable(),
    grade_reported: Text.nullable(),
    narrative: Narrative.nullable(),
    /**
     * Text blocks of the form as printed (项目申请理由, 项目主要内容, 前两年预算及当年预算变动情况,
     * a report project's prose …), labelled by the label they stand under, for the checks on
     * figures and names stated in prose. Absent or empty when a parser keeps none.
     */
    texts: z.array(z.object({ label: z.string(), text: Text }).strict()).optional(),
    summary_row: SummaryRow.nullable(),
    recomputed: Recomputed,
  })
  .strict();

export const Flag = z
  .object({
    code: FlagCode,
    severity: Severity,
    project_seq: z.number().int().min(1).nullable(),
    field: z.string(),
    reported: z.string().nullable(),
    expected: z.string().nullable(),
    message: z.string(),
    page: z.number().int().min(1).nullable(),
    /** Where the values involved stand (the report crops these). */
    refs: z.array(Provenance),
    /** True when a value the flag rests on was OCR'd with low confidence. */
    low_confidence: z.boolean(),
    /**
     * For a low-confidence OCR'd figure: the one alternative reading of its printed digits
     * (a confusable digit, a lost or extra decimal point) that makes the figures agree. The
     * flag still reports what was read; this says it may be a misreading, not a misstatement.
     */
    alternative_reading: z.string().nullable(),
    /** v2: for a cross-document flag (src/links), the doc_id of the other document of the pair. */
    other_doc_id: z.string().nullable().optional(),
    /** v2: true when a value the flag rests on was corrected by `jixiao recheck --corrections`. */
    corrected: z.boolean().optional(),
  })
  .strict();

/**
 * v2: a link of one of this document's projects to a project of another document of the run
 * (links.csv). This document is the later or evaluating side (see CONTRACT v2).
 */
export const Link = z
  .object({
    project_seq: z.number().int().min(1).nullable(),
    other_doc_id: z.string(),
    other_project_seq: z.number().int().min(1).nullable(),
    relation: z.enum(LINK_RELATIONS),
    score: z.number().min(0).max(1).describe('how sure the match is, 0..1'),
    matched_on: z.string().describe('what matched, e.g. unit+project_name+fiscal_year'),
  })
  .strict();

/** v2: a correction applied by `jixiao recheck --corrections` (one line of corrections.csv). */
export const Correction = z
  .object({
    project_seq: z.number().int().min(1).nullable(),
    field: z.string(),
    value: z.string(),
    /** The value as first read (before any correction). */
    previous: z.string().nullable(),
    note: z.string(),
  })
  .strict();

export const DocumentRecord = z
  .object({
    schema_version: z.literal(1),
    doc_id: z.string().min(1),
    source_file: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    status: Status,
    error: z.string().nullable(),
    doc_type: DocType,
    /** Template variant recognised (e.g. hubei, national, shanxi), null when none fits. */
    variant: z.string().nullable(),
    pages: z.number().int().min(0).nullable(),
    text_source: TextSourceEnum,
    title: Text.nullable(),
    /** 资金单位 as printed; every *_wan value is already converted to 万元. */
    money_unit: z.enum(['万元', '元']).nullable(),
    projects: z.array(Project),
    /** A report's summary table of all projects, with its 合计 row. */
    summary_table: z
      .object({
        rows: z.array(SummaryRow),
        total_budget_wan: Num.nullable(),
        total_executed_wan: Num.nullable(),
      })
      .strict()
      .nullable(),
    flags: z.array(Flag),
    warnings: z.array(z.string()),
    /** v2: links of this document's projects to other documents of the run (absent when none). */
    links: z.array(Link).optional(),
    /** v2: corrections applied by `jixiao recheck` (absent when none). */
    corrections: z.array(Correction).optional(),
  })
  .strict();

export type Provenance = z.infer<typeof Provenance>;
export type Num = z.infer<typeof Num>;
export type Text = z.infer<typeof Text>;
export type BudgetLine = z.infer<typeof BudgetLine>;
export type FundRow = z.infer<typeof FundRow>;
export type Indicator = z.infer<typeof Indicator>;
export type ScoreItem = z.infer<typeof ScoreItem>;
export type SectionTotal = z.infer<typeof SectionTotal>;
export type Narrative = z.infer<typeof Narrative>;
export type SummaryRow = z.infer<typeof SummaryRow>;
export type Recomputed = z.infer<typeof Recomputed>;
export type Project = z.infer<typeof Project>;
export type Flag = z.infer<typeof Flag>;
export type Link = z.infer<typeof Link>;
export type Correction = z.infer<typeof Correction>;
export type DocumentRecord = z.infer<typeof DocumentRecord>;
export type DocTypeName = z.infer<typeof DocType>;
export type FlagCodeName = z.infer<typeof FlagCode>;
