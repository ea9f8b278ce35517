/**
 * Data for re-attaching torn-off value columns in plain text (see reattach.ts): which
 * header labels belong together, what a bare value line looks like, which row names are
 * placeholders. Chinese strings live here, not in the code.
 */

/** A family of header labels printed in one table's header row. */
export interface HeaderGroup {
  /** English name for warnings and debugging. */
  name: string;
  /** Labels as printed (normalized before comparison): row-label columns and value columns. */
  labels: string[];
  /** Captions printed in the header row's first cell (count as labels for matching). */
  captions?: string[];
}

export const HEADER_GROUPS: HeaderGroup[] = [
  {
    // Shanxi self-evaluation: 绩效目标实现情况
    name: 'indicators-shanxi',
    captions: ['绩效目标实现情况'],
    labels: ['绩效指标（二级）', '绩效指标（三级）', '目标值', '实际完成指标值', '完成进度'],
  },
  {
    // Shanxi self-evaluation: 评分表
    name: 'score-sheet-shanxi',
    captions: ['评分表'],
    labels: ['一级指标', '二级指标', '三级指标', '指标分值', '得分'],
  },
  {
    // Shanxi self-evaluation: the evaluators
    name: 'evaluators-shanxi',
    captions: ['评价人员'],
    labels: ['姓名', '职务', '名称/职务', '科室', '联系电话'],
  },
  {
    // National template: 绩效指标
    name: 'indicators-national',
    labels: ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  },
];

/**
 * Key-value header tables whose values were torn off into one column printed later:
 * the row labels that identify the money rows, and how a torn label tail looks when it
 * names a money row (`及预算资金`, `其他`) rather than a text field (`实施单位`, `项目期`).
 */
export interface KeyValueGroup {
  name: string;
  /** Labels of the money rows as printed in the header table. */
  moneyLabels: string[];
  /** A torn label tail naming a money cell. */
  moneyTail: RegExp;
}

export const KEY_VALUE_GROUPS: KeyValueGroup[] = [
  {
    name: 'project-funds-shanxi',
    moneyLabels: ['预算资金', '预算下达资金', '实际支出资金'],
    moneyTail: /(资金|其他|其中)$/,
  },
];

/** A line that is one bare value (a cell torn from its table). */
export const VALUE_LINE_PATTERNS: RegExp[] = [
  /^[≥≤<>=]?[-+]?\d[\d,]*(\.\d+)?(%|分|次|个|项|万元|元|人|家|天|小时|分钟)?$/,
  /^\d{8}(至|-|~)\d{8}$/,
  /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/,
  /^\d{4}年\d{1,2}月(\d{1,2}日)?$/,
  /^\d{3,4}-\d{7,8}$/,
  /^(优|良|中|差|优秀|良好|合格|不合格|及格|不及格)$/,
];

/** A row name that is a template placeholder left unfilled (`指标2:`). */
export const PLACEHOLDER_PATTERNS: RegExp[] = [/^指标\d+[:：]?$/, /^[-—_.:：/]+$/];

/** A row that only heads a section (`投入:`). */
export const SECTION_ROW_PATTERN = /[:：]$/;

/**
 * A short line directly above a bare value block that is itself a value (an organization
 * name): at most this many characters, and none of the sentence punctuation below.
 */
export const LEADING_VALUE_MAX_CHARS = 24;
export const SENTENCE_PUNCTUATION = /[，。；、,;：:！？!?（）()《》“”"]/;
