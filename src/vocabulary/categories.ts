/** Indicator category names: the level-1 and level-2 columns of indicator tables. */

export const LEVEL1_CATEGORIES = ['产出指标', '效益指标', '满意度指标', '效果指标', '成本指标', '产出', '效益', '效果', '满意度'] as const;

export const LEVEL2_CATEGORIES = [
  '数量指标',
  '质量指标',
  '时效指标',
  '成本指标',
  '经济效益指标',
  '社会效益指标',
  '生态效益指标',
  '可持续影响指标',
  '满意度指标',
  '服务对象满意度指标',
  '服务对象满意度',
  '社会公众或服务对象满意度指标',
  '社会公众或服务对象满意度',
  '经济成本指标',
  '社会成本指标',
  '生态环境成本指标',
  '数量',
  '质量',
  '时效',
  '成本',
  '经济效益',
  '社会效益',
  '生态效益',
  '可持续影响',
  '满意度',
  // level 2 of the scoring grids (项目支出绩效评价指标体系)
  '项目立项',
  '绩效目标',
  '资金管理',
  '资金投入',
  '组织实施',
  '业务管理',
  '财务管理',
  '产出数量',
  '产出质量',
  '产出时效',
  '产出成本',
  '项目产出',
  '项目效益',
] as const;

/**
 * Level-1 sections of a scoring grid that score how a project was run, not what it achieved
 * (项目决策 / 项目管理 beside 产出 / 效益): their rows are scored items, not performance indicators.
 */
export const SCORING_SECTIONS = ['项目决策', '决策', '项目管理', '管理', '过程', '项目过程', '投入', '项目投入'] as const;

/**
 * Indicator names that are template placeholders, not indicators: `指标2:`, `指标1：`, and
 * cells of only dots, ellipses or dashes (`……`, `...`, `—`).
 */
export const PLACEHOLDER_NAME = /^(?:指标\s*\d+\s*[:：]?|[\s.。…⋯·•—–\-－_/／、,，:：;；*＊]+)\s*$/u;

/**
 * The marks that fill a value cell meaning "nothing printed": dashes, slashes, dots, and the
 * glyphs OCR reads a printed dash as (`_ ＿ 一 ー ― ─ ~ ～`: a `—` under 年初预算数 read as `_`).
 * A character class body, for EMPTY_VALUE and for cells with a unit of their own (rates).
 */
export const EMPTY_MARKS = '.。…⋯·•—–\\-－_＿/／一ー―─‐‑‒﹣~～';

/** A value cell that says "nothing printed" (only EMPTY_MARKS and blanks). */
export const EMPTY_VALUE = new RegExp(`^[\\s${EMPTY_MARKS}]*$`, 'u');

/**
 * Words of a 指标性质 / 指标类型 column that name the kind of indicator and are not part of its
 * target (contract v2 conventions); operators (≥ = ≤) in the same column are. Longest first.
 */
export const INDICATOR_KIND_WORDS = ['定性指标', '定量指标', '定性', '定量'] as const;
/** Template numbering in front of a real indicator name (`指标1宣传费`, `指标2: 会议费`). */
export const NAME_NUMBERING = /^指标\s*\d+\s*[:：]?\s*/u;
