/**
 * Data of the links stage: how names are reduced to what identifies a project, a unit or an
 * indicator across filings, how much each part of a match weighs, and the thresholds below
 * which there is no link. Code in `src/links/` reads these tables only.
 *
 * Sources: what real filings do to names between a declaration and its self-evaluation
 * (seeds in ../shared/seeds: `打击欺诈骗取医保` declared, `打击欺诈骗取医保基金专项经费`
 * evaluated; `武汉市洪山区医疗保障局` as 单位名称, `洪山区医疗保障局` as 主管部门).
 */

/** A leading year (`2023年`, `2023年度`, `２０２３ 年`) in front of a project name. */
export const YEAR_PREFIX_RE = /^(?:19|20)\d{2}\s*年度?\s*/;

/**
 * A leading project or organisation code (`219001-`, `XM2023-015 `, `【2023-12】`, `001.`): a run
 * of letters, digits and `-_./` that holds a digit and a letter, a separator, or six digits or
 * more (so `1000亩…` keeps its number), then an optional separator; or a bracketed code; or a
 * short numbering with its separator. Stripped only when Chinese text follows.
 */
export const CODE_PREFIX_RES: readonly RegExp[] = [
  /^(?=[A-Za-z0-9_\-./]*[A-Za-z])(?=[A-Za-z0-9_\-./]*\d)[A-Za-z0-9][A-Za-z0-9_\-./]{3,}[-—－:：_.、]?/,
  /^\d+[-_./][A-Za-z0-9_\-./]*\d[-—－:：_.、]?/,
  /^\d{6,}[-—－:：_.、]?/,
  /^[[【〔(（][A-Za-z0-9\-_./]+[\]】〕)）]/,
  /^\d{1,3}[.、．]/,
];

/** Quotation marks around a name or its parts, removed before prefixes are looked for. */
export const NAME_QUOTES_RE = /[“”"'‘’《》〈〉「」『』]/g;

/**
 * Words at the end of a project name that do not make it another project; stripped repeatedly,
 * longest first (`…基金专项经费` → `…基金`). Words between are kept (`基金`, `补助`).
 */
export const NAME_SUFFIXES: readonly string[] = ['工作经费', '专项资金', '专项经费', '项目经费', '项目资金', '项目', '经费', '专项', '资金'];

/** Quotation marks, brackets of quotation and punctuation that never distinguish names. */
export const NAME_PUNCTUATION_RE = /[\s“”"'‘’《》〈〉「」『』·•,，;；:：、.。!！?？\-—－_]/g;

/**
 * Character slips in names (OCR, PDF extraction), applied after the shared label slips of
 * src/vocabulary. Specific two-character forms where the single character is common.
 */
export const NAME_OCR_SLIPS: ReadonlyArray<readonly [wrong: string, right: string]> = [
  ['经赞', '经费'],
  ['经贵', '经费'],
  ['资佥', '资金'],
  ['专顶', '专项'],
  ['医疔', '医疗'],
  ['保瘴', '保障'],
  ['卫健', '卫生健康'],
];

/** Administrative divisions at the front of a unit name (places), stripped one by one. */
export const PLACE_RE = /^[\u4e00-\u9fff]{1,7}?(?:省|自治区|自治州|地区|市|区|县|州|旗|盟)/;

/** Unit name endings that show the rest before them is an organisation, not a place (`区医疗保障局`). */
export const ORG_ENDINGS: readonly string[] = ['局', '委员会', '委', '办公室', '办', '中心', '院', '所', '站', '队', '处', '厅', '部', '会', '馆', '校', '学'];

/** Weights of the parts of a project match (sum 1). The fiscal year must match to link at all. */
export const LINK_WEIGHTS = { project_name: 0.55, unit: 0.35, fiscal_year: 0.1 } as const;

/** Below this score there is no link (precision first: a wrong link makes false flags). */
export const LINK_THRESHOLD = 0.8;

/** A project name similarity below this never links, whatever else matches. */
export const NAME_MIN = 0.75;

/** A unit similarity below this (another place or another organisation) never links. */
export const UNIT_MIN = 0.5;

/** Unit similarity when one side names no unit and no department (unknown, not a conflict). */
export const UNIT_UNKNOWN = 0.5;

/**
 * Name similarity of a name contained in the other (a truncated cell, a dropped qualifier):
 * `CONTAINED_BASE + CONTAINED_SPAN × shorter/longer`, when the shorter has at least
 * `CONTAINED_MIN_CHARS` characters and is at least `CONTAINED_MIN_RATIO` of the longer.
 */
export const CONTAINED_BASE = 0.8;
export const CONTAINED_SPAN = 0.2;
export const CONTAINED_MIN_CHARS = 4;
export const CONTAINED_MIN_RATIO = 0.5;

/** Unit similarity when the two names are the same organisation, one with more of its place (`武汉市洪山区…` / `洪山区…`). */
export const UNIT_PLACE_SUFFIX = 0.95;
/** Unit similarity when the organisation part matches and one side names no place. */
export const UNIT_NO_PLACE = 0.9;
/** Unit similarity when one organisation name abbreviates or contains the other (医保局 / 医疗保障局). */
export const UNIT_ABBREVIATION = 0.85;

/** Indicator names of linked projects match when their similarity reaches this. */
export const INDICATOR_NAME_MIN = 0.75;

/** A leading numbering on an indicator name (`指标1:`, `1.`, `（1）`). */
export const INDICATOR_PREFIX_RE = /^(?:指标\s*\d+\s*[:：]?|\d{1,2}\s*[.、．:：]|[（(]\d{1,2}[)）])\s*/;

/** Years back a declaration's stated prior budgets may reach (`项目前两年预算`). */
export const PRIOR_YEARS_BACK = 2;

/**
 * Words of a target that name its comparison, longest first decides (`不低于` before `低于`).
 * A target with none of them and a number means "equal to" in notation only: it is compared
 * by number and unit, not operator.
 */
export const TARGET_OPERATORS: ReadonlyArray<readonly [word: string, op: '≥' | '≤' | '>' | '<' | '=']> = [
  ['≥', '≥'],
  ['>=', '≥'],
  ['不低于', '≥'],
  ['不少于', '≥'],
  ['不小于', '≥'],
  ['达到', '≥'],
  ['以上', '≥'],
  ['≤', '≤'],
  ['<=', '≤'],
  ['不高于', '≤'],
  ['不超过', '≤'],
  ['不超出', '≤'],
  ['不多于', '≤'],
  ['不大于', '≤'],
  ['以内', '≤'],
  ['以下', '≤'],
  ['之内', '≤'],
  ['>', '>'],
  ['超过', '>'],
  ['大于', '>'],
  ['高于', '>'],
  ['多于', '>'],
  ['<', '<'],
  ['低于', '<'],
  ['少于', '<'],
  ['小于', '<'],
  ['=', '='],
  ['等于', '='],
];

/** Figures compared to call two filings of one project the same filing (duplicate). */
export const DUPLICATE_FIGURES = ['budget_wan', 'executed_wan', 'score_reported'] as const;
