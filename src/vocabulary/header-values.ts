/**
 * How header values are printed around the names they carry, as data: organisation codes
 * beside a 主管部门 name, long project codes in front of a 项目名称, title words that a
 * project name must not keep. Read by `forms/header-values.ts`.
 */

/**
 * An organisation code printed after a department's name, in the one cell of 主管部门及代码
 * (`华容区生态环境分局 242`, `…局(242)`, `…局 代码:242`): group 1 the name, group 2 the code.
 * The name must end in a non-digit (names of offices never end in digits).
 */
export const TRAILING_ORG_CODE = /^(.*[^\d\s(（:：\-—_])\s*(?:[(（]\s*)?(?:(?:单位|部门)?(?:代码|编码|编号)\s*[:：]?\s*)?(\d{2,12})\s*[)）]?$/u;

/** A cell holding only an organisation code (`074`, `219001`). */
export const ONLY_ORG_CODE = /^[(（]?\s*(\d{2,12})\s*[)）]?$/u;

/** An organisation code printed before the name (`219001-洪山区医疗保障局`); the contract lets the name keep it. */
export const LEADING_ORG_CODE = /^(\d{3,12})\s*[-—_－.、\s]\s*(?=\D)/u;

/**
 * A project code printed in front of a project name (`510000241T000001234567-2024年…`,
 * `42011122T000000012345 城乡…`): ten or more code characters, at least six of them digits,
 * then a separator or straight a Chinese character (spaces are gone once text is
 * normalized). Group 1 is the code.
 */
export const LEADING_PROJECT_CODE = /^([0-9A-Z]{10,40})(?:\s*[-—_－:：]\s*|\s*(?=[\u3400-\u9fff]))(?=\S)/u;
export const PROJECT_CODE_MIN_DIGITS = 6;

/**
 * Words of a form's title that a project name taken from (or printed into) the title must not
 * keep (`高标准农田建设项目绩效目标自评` → `高标准农田建设项目`), longest first.
 */
export const TITLE_SUFFIXES = [
  // a name may itself end in 项目 (`…建设项目绩效目标自评表`): the suffixes start after it
  '支出绩效目标自评表',
  '支出绩效自评表',
  '绩效目标自评表',
  '绩效目标自评',
  '绩效目标申报表',
  '支出绩效自评',
  '绩效自评表',
  '绩效自评',
  '绩效目标表',
] as const;
