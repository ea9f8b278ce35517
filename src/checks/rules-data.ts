/**
 * Data of the checks stage: grade thresholds, regional caps, tolerances. The words
 * that decide a target's direction and the scoring rule are in src/rules/targets.ts. Code in `src/checks/` reads these tables only.
 */

export { GRADE_THRESHOLDS, EXECUTION_CAPS, FULL_SCORE } from '../rules/scoring.js';

/** A value read by OCR below this confidence makes a flag `low_confidence`. */
export const LOW_CONFIDENCE = 0.8;

/** Rounding of recomputed values. */
export const EXECUTION_RATE_DECIMALS = 4;
export const SCORE_DECIMALS = 4;

/** Slack for float noise on top of the printed-precision rule (the target words live beside it in src/rules/targets.ts). */
export { FLOAT_EPS } from '../rules/targets.js';

/** A note that gives no reason. */
export const EMPTY_NOTES: readonly string[] = ['', '无', '/', '-', '—', '——', '无偏差', '不适用'];

/** Names of the total row of a 项目资金 table; the other rows are its 其中 parts. */
export const FUND_TOTAL_ROW_WORDS: readonly string[] = ['年度资金总额', '资金总额', '年度资金合计', '总额', '合计', '总计'];

/** Score items recognised as budget execution when a parser left the role as 'other'. */
export const BUDGET_EXECUTION_ITEM_WORDS: readonly string[] = ['预算执行率', '资金执行率', '年度资金总额'];

/**
 * Sections (一级指标) of a scoring grid under which a row named 预算执行率 is budget execution
 * scored by weight × min(B/A, 1) (项目管理 of the 4-section grid, 过程, 投入, 项目资金), as
 * opposed to an 产出 indicator of the same name scored against its own target.
 */
export const BUDGET_EXECUTION_SECTIONS: readonly string[] = ['项目管理', '过程', '投入', '项目资金', '资金管理', '预算执行'];

/** Administrative divisions stripped from the front of a unit name to get its distinctive part. */
export const ADMIN_PREFIX_RE = /^[\u4e00-\u9fff]{0,6}?(?:省|自治区|自治州|地区|市|区|县|州|旗|盟)/;

/** Decorations around a project name that do not make it another project. */
export const PROJECT_NAME_NOISE_RE = /^\d{4}\s*年度?|项目$|专项资金$|专项经费$|经费$|资金$|[“”"《》'‘’\s]/g;

/** Bigram similarity above which two project names are taken as the same project. */
export const PROJECT_NAME_SIMILARITY = 0.5;

/**
 * Digits OCR engines confuse on printed forms (both directions), and the decimal point they
 * lose or invent. A low-confidence figure whose one alternative reading makes a check agree
 * is recorded beside the flag (never substituted).
 */
export const OCR_DIGIT_CONFUSIONS: readonly (readonly [string, string])[] = [
  ['0', '6'],
  ['0', '8'],
  ['0', '9'],
  ['1', '7'],
  ['1', '4'],
  ['2', '7'],
  ['3', '8'],
  ['4', '9'],
  ['5', '6'],
  ['5', '8'],
  ['6', '8'],
  ['8', '9'],
];

/**
 * Rules of a pair of documents (CONTRACT v2, "Cross-document audit"), raised by src/links on the
 * `doc_id` side of a link: one row per code — what it compares, the two sides, tolerance, severity.
 */
export const PAIR_RULES: Readonly<Record<'TARGET_CHANGED' | 'INDICATOR_DROPPED' | 'BUDGET_CHANGED' | 'PRIOR_YEAR' | 'DUPLICATE', {
  compares: string; sides: string; tolerance: string; severity: 'error' | 'warning';
}>> = {
  TARGET_CHANGED: { compares: 'indicator target: operator, number, unit', sides: 'self-evaluation ← declaration (declared_in)', tolerance: 'printed precision', severity: 'error' },
  INDICATOR_DROPPED: { compares: 'indicator names', sides: 'self-evaluation ← declaration (declared_in)', tolerance: 'name similarity (src/links/data.ts)', severity: 'warning' },
  BUDGET_CHANGED: { compares: 'budget_initial_wan ← budget_wan', sides: 'self-evaluation ← declaration (declared_in)', tolerance: 'printed precision', severity: 'warning' },
  PRIOR_YEAR: { compares: 'prior_year_budgets[year] ← budget_initial_wan and budget_wan', sides: 'declaration ← filing of that year (prior_year)', tolerance: 'printed precision', severity: 'error' },
  DUPLICATE: { compares: 'sha256, or unit+project_name+fiscal_year+figures', sides: 'later copy ← earlier copy (duplicate)', tolerance: 'printed precision', severity: 'warning' },
};

/**
 * One row per flag code: what it compares, where each side comes from, the tolerance and the
 * severity — so an auditor can see why a flag was raised. docs/flags.md is generated from this
 * table (`npm run docs:flags`; a test checks that the two agree). Plain strings only, so rows
 * added by other stages (the cross-document codes of src/links) merge as more rows.
 */
export interface FlagRule {
  code: string;
  /** What is compared with what. */
  compares: string;
  /** Where the flag's `reported` value comes from. */
  reported: string;
  /** Where the flag's `expected` value comes from. */
  expected: string;
  tolerance: string;
  severity: string;
}

const PRINTED = 'printed precision: one unit of the last printed digit of the less precise side; a whole number only agrees with values that round to it';
const OCR_WARNING = '; a `warning` when a figure was OCR\'d with low confidence or one OCR slip makes it agree';

export const FLAG_RULES: readonly FlagRule[] = [
  {
    code: 'BUDGET_SUM',
    compares: 'a printed total with the sum of its parts',
    reported: '合计 of funding sources / expense items / sub-projects; 年度资金总额 (总额, 合计) row of the 项目资金 table (each column); a summary table’s 合计 row; a declaration’s lines’ 合计',
    expected: 'sum of the lines (a wholly blank 其中 row adds 0); for a declaration’s 合计, 项目当年预算',
    tolerance: PRINTED + ' (the sum’s precision is the finest of its parts)',
    severity: 'error' + OCR_WARNING,
  },
  {
    code: 'EXEC_RATE',
    compares: 'a printed execution rate with B / A',
    reported: '预算执行率 of the header, of each 项目资金 row, or of the prose',
    expected: 'B / A of the same row (the project’s 全年执行数 / 全年预算数 for the total row and the header); the prose’s own amounts where it states them',
    tolerance: PRINTED,
    severity: 'error' + OCR_WARNING,
  },
  {
    code: 'FUNDS_SCORE',
    compares: 'the budget-execution score with weight × min(rate, 1)',
    reported: '得分 of the budget-execution item (项目资金 item, 年度资金总额 row, or a 预算执行率 row under 项目管理 / 过程 / 投入)',
    expected: 'its weight × min(B / A, 1); without A and B, × the row’s printed 全年实际值 (or the printed rate)',
    tolerance: PRINTED + '; a printed rate adds weight × its last unit',
    severity: 'error' + OCR_WARNING,
  },
  {
    code: 'TOTAL_SCORE',
    compares: 'a printed total or section subtotal with the sum of its printed parts; with unreadable parts, with the range the readable parts and the unreadable parts’ weights allow',
    reported: '自评得分 / 综合得分 / 自评总分; a section’s printed subtotal',
    expected: 'sum of the items’ printed scores (items weighing 100 or more in all, or ≥ 2 items when weights are not printed); or the highest (lowest) reachable total',
    tolerance: PRINTED,
    severity: 'error' + OCR_WARNING + '; not raised (a note in the record’s `warnings` instead) when an item name appears twice or the printed total is outside 0–100: values that look misread',
  },
  {
    code: 'SCORE_OVER_WEIGHT',
    compares: 'an item’s score with its weight; items’ weights with their section’s weight; the weights of the whole scheme with 100',
    reported: '得分 of a score item, indicator or 项目资金 row; a section’s printed weight (`产出（60分）`); the sum of the section or item weights',
    expected: 'the item’s 分值; the sum of the section’s item weights; 100 (when the parts’ scores make the printed total, or the item weights exceed 100)',
    tolerance: 'exact (weights are nominal)',
    severity: 'error' + OCR_WARNING + '; not raised (a note in the record’s `warnings` instead) when one row of the missing weight explains two sections off in opposite directions, or a section’s rows look read more than once',
  },
  {
    code: 'GRADE',
    compares: 'the printed grade with the grade the printed score earns',
    reported: '自评等级 / 自评等次 / 评价结果等次',
    expected: 'grade band of 自评得分: 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60 (src/rules/scoring.ts); the message cites a regional cap by execution rate where one explains the printed grade',
    tolerance: 'exact grade; scores at a band edge by 1e-9',
    severity: 'error',
  },
  {
    code: 'CROSS_REF',
    compares: 'one figure printed twice in a document',
    reported: 'a report’s summary-table row or prose (预算数, 执行数, 执行率, 自评得分, 等级, section weights, “该指标得分为 N 分”); a figure stated in a text block (`2021年预算65.20万元`, `全年实际支出188.40万元`, `自评得分…分`)',
    expected: 'the same field in the project’s own table (项目当年预算 / 全年预算数, 全年执行数, 执行率, 自评得分, the item’s score or weight)',
    tolerance: PRINTED + '; weights exact; a prose figure that agrees with any of the fields its words can name is no flag',
    severity: 'error; a `warning` for a figure in a text block that only a cue word binds' + OCR_WARNING,
  },
  {
    code: 'ENTITY',
    compares: 'unit and project names in the text blocks with the filing’s own',
    reported: 'an organisation named as the project’s holder, or a quoted project name, in any text block of any project (a report’s prose, 项目申请理由, 实际完成情况, …)',
    expected: '单位名称 / 主管部门 (by distinctive part, abbreviations allowed, in the same place: 华容区 and 涪城区市场监督管理局 are two units); 项目名称 (bigram similarity ≥ 0.5)',
    tolerance: 'names compared by their distinctive part and the place they are prefixed with',
    severity: 'warning',
  },
  {
    code: 'TARGET_MISSED',
    compares: 'an indicator’s actual value with its quantitative target; a score with the presence of an actual value',
    reported: '实际完成值 (or the score of an indicator with none)',
    expected: '年度指标值 (direction from ≥ / ≤ / wording; 成本 caps)',
    tolerance: 'exact against the target',
    severity: 'warning',
  },
  // the cross-document codes, raised by src/links from PAIR_RULES
  ...Object.entries(PAIR_RULES).map(([code, r]) => {
    const [own, other] = r.sides.split(' ← ');
    return {
      code,
      compares: r.compares,
      reported: `the \`doc_id\` side of the link: ${own}`,
      expected: `the other document (\`other_doc_id\`): ${other}`,
      tolerance: r.tolerance,
      severity: r.severity,
    };
  }),
];

/** The table of FLAG_RULES as Markdown (docs/flags.md). */
export function flagRulesMarkdown(rules: readonly FlagRule[] = FLAG_RULES): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# Flag rules',
    '',
    '<!-- Generated from FLAG_RULES in src/checks/rules-data.ts by `npm run docs:flags`; do not edit by hand. -->',
    '',
    'For each flag code: what it compares, where the `reported` and `expected` sides come from, how close two figures must be to agree, and the severity.',
    '',
    '| code | compares | reported | expected | tolerance | severity |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rules.map((r) => `| \`${r.code}\` | ${cell(r.compares)} | ${cell(r.reported)} | ${cell(r.expected)} | ${cell(r.tolerance)} | ${cell(r.severity)} |`),
    '',
  ];
  return lines.join('\n');
}

/**
 * Figures stated in prose (text blocks of declarations and self-evaluation tables), read by what
 * they say: an optional year, a qualifier, a cue word naming the field, an amount and its unit.
 * `bind`: which qualifiers make the figure the project's own (`year` = the form's own year
 * printed before the cue, as in `2021年预算65.20万元`). `strong` qualifiers make a contradiction
 * an error; the others (and an OCR'd text) a warning.
 */
export interface ProseCue {
  field: 'budget_wan' | 'executed_wan' | 'score_reported' | 'execution_rate_reported';
  words: readonly string[];
  unit: 'money' | 'score' | 'percent';
  /** Qualifiers that must stand right before the cue ('' = none needed). */
  qualifiers: readonly string[];
  strong: readonly string[];
}

export const PROSE_CUES: readonly ProseCue[] = [
  {
    field: 'budget_wan',
    words: ['预算资金', '预算金额', '预算数', '预算'],
    unit: 'money',
    qualifiers: ['当年', '本年', '本年度', '全年', '年度', '项目当年', '项目'],
    strong: ['year', '当年', '本年', '本年度', '全年', '项目当年'],
  },
  {
    field: 'executed_wan',
    words: ['实际支出', '实际使用', '实际执行', '执行数', '支出'],
    unit: 'money',
    qualifiers: ['全年', '当年', '本年', '本年度', '年度', '项目', '累计', '全年实际', '项目实际'],
    strong: ['year', '全年', '当年', '本年', '本年度', '全年实际'],
  },
  {
    field: 'score_reported',
    words: ['自评得分', '自评总分', '综合得分', '总得分'],
    unit: 'score',
    qualifiers: [''],
    strong: [''],
  },
];

/** Words between a cue and its amount that keep them together (为, 共, ：…). */
export const PROSE_CUE_LINKS = ['为', '是', '共', '共计', '合计', '达', '达到', '总额', '总额为', '：', ':', '约'];

/** What no unit name holds (a few function words that no place name uses, punctuation, digits): a name starts after the last one. */
export const NAME_BREAK_RE = /全会|[的及了并等届、，,。；;：:（）()“”"《》\d]/;

/** Organisation suffixes of a unit named in prose. */
export const ORG_NAME_SUFFIXES = ['街道办事处', '委员会', '办公室', '管理局', '服务中心', '中心', '局', '厅', '委', '署', '院', '站', '所', '队'];

/**
 * An organisation named in a text block is taken as the project's holder (`X按计划完成了…`,
 * `X严格按照…组织实施`, `X“2021年…项目”`) unless it stands as another party: right after one of
 * ISSUER_BEFORE (a document it issued, a body the unit reports to) or right before one of
 * ISSUER_AFTER (关于…的通知, 批复, 下达 …), or in a list of bodies (、 和 及).
 */
export const ISSUER_BEFORE = ['根据', '依据', '按照', '《', '关于', '经', '向', '报', '会同', '配合', '联合', '与', '和', '及', '、', '协调', '上级'];
export const ISSUER_AFTER = ['关于', '印发', '下发', '文件', '批复', '批准', '通知', '要求', '审核', '审批', '监督', '指导', '下达', '拨付', '、', '和', '及', '等', '的《', '》', '《'];
