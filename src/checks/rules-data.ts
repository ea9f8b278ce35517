/**
 * Data of the checks stage: grade thresholds, regional caps, tolerances and the words
 * that decide a target's direction. Code in `src/checks/` reads these tables only.
 */
import type { Grade } from './types.js';

/** 优 ≥ 90, 良 80 to < 90, 中 60 to < 80, 差 < 60 (FORMS.md, scoring rules). Highest first. */
export const GRADE_THRESHOLDS: readonly { min: number; grade: Grade }[] = [
  { min: 90, grade: '优' },
  { min: 80, grade: '良' },
  { min: 60, grade: '中' },
  { min: Number.NEGATIVE_INFINITY, grade: '差' },
];

/**
 * Published regional rule capping the total score by the execution rate (FORMS.md):
 * 70–80% executed → at most 89, 60–70% → 79, below 60% → 69, below 50% → 59.
 * Tightest band first: the first band whose `below` exceeds the rate applies.
 */
export const EXECUTION_CAPS: readonly { below: number; maxScore: number; label: string }[] = [
  { below: 0.5, maxScore: 59, label: '执行率低于50%的项目总分不超过59分' },
  { below: 0.6, maxScore: 69, label: '执行率低于60%的项目总分不超过69分' },
  { below: 0.7, maxScore: 79, label: '执行率60%–70%的项目总分不超过79分' },
  { below: 0.8, maxScore: 89, label: '执行率70%–80%的项目总分不超过89分' },
];

/** A value read by OCR below this confidence makes a flag `low_confidence`. */
export const LOW_CONFIDENCE = 0.8;

/** Rounding of recomputed values. */
export const EXECUTION_RATE_DECIMALS = 4;
export const SCORE_DECIMALS = 4;

/** Slack for float noise on top of the printed-precision rule. */
export const FLOAT_EPS = 1e-9;

/** Words before or after a target's number that make it a ceiling (反向: smaller is better). */
export const REVERSE_WORDS: readonly string[] = [
  '≤', '<', '不高于', '不超过', '不超出', '不多于', '不大于', '低于', '少于', '小于', '以内', '以下', '之内', '控制在', '内',
];
/** Words that make a target a floor (正向: larger is better). The longest word found in a target decides. */
export const FORWARD_WORDS: readonly string[] = ['≥', '>', '不低于', '不少于', '不小于', '达到', '以上', '超过', '大于', '高于', '多于'];

/** 二级指标 (or indicator names) whose plain-number target is a cap (成本指标: cost must not exceed). */
export const COST_LEVEL2_WORDS: readonly string[] = ['成本'];

/** Targets naming a date or a period are not decided numerically ("2019年12月底前", "第四季度"). */
export const DATE_TARGET_RE = /\d{4}\s*年|\d{1,2}\s*月|季度|\d{1,2}\s*日(?!内)/;

/** A note that gives no reason. */
export const EMPTY_NOTES: readonly string[] = ['', '无', '/', '-', '—', '——', '无偏差', '不适用'];

/** Names of the total row of a 项目资金 table; the other rows are its 其中 parts. */
export const FUND_TOTAL_ROW_WORDS: readonly string[] = ['年度资金总额', '资金总额', '合计', '总计'];

/** Score items recognised as budget execution when a parser left the role as 'other'. */
export const BUDGET_EXECUTION_ITEM_WORDS: readonly string[] = ['预算执行率', '资金执行率', '年度资金总额'];

/** Administrative divisions stripped from the front of a unit name to get its distinctive part. */
export const ADMIN_PREFIX_RE = /^[\u4e00-\u9fff]{0,6}?(?:省|自治区|自治州|地区|市|区|县|州|旗|盟)/;

/** Decorations around a project name that do not make it another project. */
export const PROJECT_NAME_NOISE_RE = /^\d{4}\s*年度?|项目$|专项资金$|专项经费$|经费$|资金$|[“”"《》'‘’\s]/g;

/** Bigram similarity above which two project names are taken as the same project. */
export const PROJECT_NAME_SIMILARITY = 0.5;

/** Total score of a complete scoring scheme. */
export const FULL_SCORE = 100;

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
