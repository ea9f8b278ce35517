/**
 * Data of the checks stage: grade thresholds, regional caps, tolerances and the words
 * that decide a target's direction. Code in `src/checks/` reads these tables only.
 */

export { GRADE_THRESHOLDS, EXECUTION_CAPS, FULL_SCORE } from '../rules/scoring.js';

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
