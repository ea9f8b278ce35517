/**
 * Classification evidence, as data. Each document type lists titles and labels with weights;
 * a title counts fully in the title area (the first rows) and half elsewhere, a label counts
 * fully where it stands as a label (a cell, or the start of a line) and half inside prose.
 * Variants of the self-evaluation table are in `vocabulary/variants.ts`.
 */
import type { DocTypeName } from '../../schemas/record.js';
import type { Evidence } from '../vocabulary/variants.js';

export interface TypeRule {
  docType: Exclude<DocTypeName, 'unknown'>;
  titles: readonly Evidence[];
  labels: readonly Evidence[];
}

export const TYPE_RULES: readonly TypeRule[] = [
  {
    docType: 'declaration',
    titles: [
      { label: '绩效目标申报表', weight: 6 },
      { label: '绩效目标表', weight: 4 },
      { label: '申报表', weight: 3 },
    ],
    labels: [
      { label: '项目绩效总目标', weight: 2 },
      { label: '绩效总目标', weight: 2 },
      { label: '年度绩效指标', weight: 2 },
      { label: '项目年度绩效指标', weight: 2 },
      { label: '项目申请理由', weight: 2 },
      { label: '项目当年预算', weight: 2 },
      { label: '项目总预算', weight: 1 },
      { label: '项目资金来源', weight: 1 },
      { label: '项目支出明细', weight: 1 },
      { label: '考核级次', weight: 1 },
      { label: '项目主要内容', weight: 1 },
      { label: '指标值', weight: 1 },
    ],
  },
  {
    docType: 'self_eval_table',
    titles: [
      { label: '绩效自评表', weight: 5 },
      { label: '绩效目标自评表', weight: 5 },
      { label: '财政支出项目绩效自评表', weight: 6 },
      { label: '自评表', weight: 3 },
    ],
    labels: [
      { label: '全年预算数', weight: 2 },
      { label: '全年执行数', weight: 2 },
      { label: '自评得分', weight: 2 },
      { label: '年度资金总额', weight: 2 },
      { label: '全年完成值', weight: 1 },
      { label: '实际完成值', weight: 1 },
      { label: '实际完成指标值', weight: 1 },
      { label: '自评分', weight: 1 },
      { label: '自评等次', weight: 1 },
      { label: '评分表', weight: 2 },
      { label: '综合得分', weight: 2 },
      { label: '评价结果等次', weight: 2 },
      { label: '实际支出资金', weight: 1 },
      { label: '年初设定目标', weight: 1 },
      { label: '年初预算数', weight: 1 },
      { label: '执行率', weight: 1 },
    ],
  },
  {
    docType: 'self_eval_report',
    titles: [
      { label: '绩效自评报告', weight: 6 },
      { label: '自评报告', weight: 4 },
      { label: '绩效评价报告', weight: 4 },
    ],
    labels: [
      { label: '自评工作开展情况', weight: 3 },
      { label: '绩效自评工作开展情况', weight: 3 },
      { label: '各项目自评情况', weight: 2 },
      { label: '本报告包含项目的自评结果', weight: 2 },
      { label: '自评结果', weight: 1 },
      { label: '主要问题和改进措施', weight: 2 },
      { label: '项目基本情况', weight: 1 },
      { label: '绩效目标实现情况分析', weight: 2 },
      { label: '资金情况分析', weight: 1 },
      { label: '绩效自评工作的经验', weight: 1 },
    ],
  },
];

/** Report structure: numbered prose sections and a summary table of projects. */
export const REPORT_STRUCTURE = {
  /** Section headings `一、…`, `二、…`: weight when at least `min` distinct ones are found. */
  sectionHeading: /^[一二三四五六七八九十]{1,2}[、.．]/u,
  sectionMin: 2,
  sectionWeight: 2,
  /** Header labels of the summary table: weight when all of `required` and one of `anyOf` are in one row. */
  summaryRequired: ['序号', '项目名称'],
  summaryAnyOf: ['得分', '自评等级', '自评等次', '自评得分', '全年执行数'],
  summaryWeight: 3,
};

/** Rows counting as the title area. */
export const TITLE_AREA_ROWS = 8;
/** A line longer than this is not a title. */
export const TITLE_LINE_MAX = 40;
/** Minimum score for a type to be chosen; below it the document is `unknown`. */
export const MIN_TYPE_SCORE = 5;
/** Minimum score for a self-evaluation variant. */
export const MIN_VARIANT_SCORE = 4;

/**
 * Page chrome around a form printed from a web page or stamped by a viewer: site banners,
 * breadcrumbs, navigation, publication lines, footers. Such lines are not the title area.
 */
export const PAGE_CHROME: readonly RegExp[] = [
  /^(首页|网站首页)/u,
  /(当前位置|您现在的位置|你的位置|所在位置)/u,
  /(发布时间|发布日期|发文日期|更新时间|信息来源|来源[:：]|浏览次数|阅读次数|访问次数|点击数)/u,
  /字体[:：]?\s*[【\[]?\s*(大|小)/u,
  /[【\[]\s*(打印|关闭|打印本页|关闭窗口|收藏)\s*[】\]]/u,
  /(分享到|扫一扫|索引号|主题分类|文\s*号[:：])/u,
  /(网站标识码|网站地图|ICP备|公网安备|版权所有|主办单位|承办单位|技术支持|联系我们|返回顶部|政府网站|门户网站|人民政府网)/iu,
  /(https?:\/\/|www\.)/iu,
];

/** A navigation bar: at least this many words of 2–8 characters set apart by spaces, no digits or colons. */
export const NAV_MIN_WORDS = 4;

/** A title read by OCR may carry one slip: titles at least this long match with one edit when no title matches exactly. */
export const FUZZY_TITLE_MIN_LENGTH = 5;
/** The weight a title matched with one edit keeps. */
export const FUZZY_TITLE_FACTOR = 0.8;
