/**
 * The words of a 项目支出绩效自评报告 (self-evaluation report), as data. Code names are
 * English; every Chinese phrase the report parser looks for lives here, so that a new
 * wording is a table entry plus a test.
 *
 * All text is matched after `normalizeText` (full-width ASCII folded: `（` → `(`,
 * `，` → `,`, `：` → `:`; spaces touching Chinese removed), so the tables spell
 * half-width punctuation; the regular expressions still accept both widths.
 */

/** A number as printed in prose or cells (thousands separators allowed). */
export const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** Title of the report: `2019 年度项目支出绩效自评报告`. The year is group 1. */
export const TITLE_RE = /(?:^|[^\d])((?:19|20)\d{2})\s*年度?.{0,30}?(?:绩效自评报告|自评报告|绩效评价报告)/;
/** A title without a year. */
export const TITLE_WORDS = ['项目支出绩效自评报告', '绩效自评报告', '自评报告', '绩效评价报告'];

/** Heading of the part of the report that holds one section per project. */
export const SECTIONS_HEADINGS = [
  '各项目自评情况',
  '各项目绩效自评情况',
  '项目自评情况',
  '项目绩效自评情况',
  '各项目自评结果分析',
  '各项目情况',
];

/** A top-level heading (`四、绩效自评工作的经验…`): ends the project sections. */
export const TOP_HEADING_RE = /^[一二三四五六七八九十]{1,3}\s*[、.．]/;

/**
 * Sub-headings that stand inside a project section and are never a project's name
 * (a numbered `1、项目基本情况` under `（一）某某项目`).
 */
export const GENERIC_SUBHEADINGS = [
  '项目基本情况',
  '基本情况',
  '项目概况',
  '项目背景',
  '立项依据',
  '项目构成',
  '项目绩效目标',
  '绩效目标',
  '绩效目标实现情况分析',
  '绩效目标完成情况',
  '资金情况分析',
  '项目资金到位情况分析',
  '项目资金执行情况分析',
  '绩效指标完成情况分析',
  '自评结果',
  '主要问题',
  '存在的问题',
  '主要问题和改进措施',
  '改进措施',
  '建议',
  '问题和建议',
  '项目资金情况',
  '项目实施情况',
  '主要绩效',
];

/**
 * Headings inside a project section after which prose is no longer about one indicator
 * (`1-4、自评结果`, `(1)主要问题`): words a heading contains.
 */
export const RESET_HEADING_WORDS = ['自评结果', '主要问题', '改进措施', '存在问题', '问题和建议', '经验', '建议', '结论', '评价结果'];

/** Multi-level numbering (`1-3-2、`, `2.1 `): a sub-heading, never an item. */
export const MULTI_LEVEL_HEADING_RE = /^\d+(?:\s*[-－—.．]\s*\d+)+\s*[、.．]?\s*[\u4e00-\u9fff]/;

/** Item and section numbering at the start of a line: ①, ⑴, (1), （一）, 1、, 1., 1）, 一、, 第一. */
export const MARKER_RE =
  /^(?:[\u2460-\u2473]|[\u2474-\u2487]|[(（]\s*\d{1,2}\s*[)）]|[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[、.．](?!\s*\d)|\d{1,2}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、|第[一二三四五六七八九十]{1,3}[、,，.．:：]?)\s*/;

/** `产出指标（45 分）` / `效益指标(15分)` / `满意度（权重 20 分）`: a section of indicators with its weight. */
export const SECTION_WEIGHT_RE = new RegExp(
  String.raw`^([\u4e00-\u9fff]{1,12}?(?:指标|${['产出', '效益', '效果', '满意度', '成本'].join('|')}))\s*[(（]\s*(?:权重|分值|满分)?\s*[:：]?\s*(${NUM})\s*分\s*[)）]\s*[。.:：;；]?$`,
);

/** A known level-1 section heading, even with a sentence after it on the same line (`(1) 产出指标（45 分）。产出指标包括…`). */
export const KNOWN_SECTION_WEIGHT_RE = new RegExp(
  String.raw`^((?:产出|效益|效果|满意度|服务对象满意度|成本|社会效益|经济效益|生态效益|可持续影响|管理|过程|投入)指标)\s*[(（]\s*(?:权重|分值|满分)?\s*[:：]?\s*(${NUM})\s*分\s*[)）]`,
);

/** `法律顾问对咨询事务的受理率（15 分）`: an indicator's name and weight at the start of its paragraph. */
export const ITEM_WEIGHT_RE = new RegExp(
  String.raw`^(.{1,60}?)\s*[(（]\s*(?:权重|分值|满分)?\s*[:：]?\s*(${NUM})\s*分\s*[)）]`,
);

/** Where an item's name ends when no weight follows it. */
export const ITEM_NAME_END_RE = /[。,，;；:：]/;

/** `该指标得分为 15 分`, `得分 10 分`, `得 10 分`, `评分为 8 分`, `计 10 分`. */
export const ITEM_SCORE_RE = new RegExp(
  String.raw`(?:得分|得|评分|计分|计|给予|给)\s*(?:为|是|:|：)?\s*(${NUM})\s*分(?!值)`,
);

/** `本项目自评总分 90.98 分`, `综合得分为 92 分`. */
export const TOTAL_SCORE_RE = new RegExp(
  String.raw`(?:自评总分|自评总得分|综合得分|总得分|总分|最终得分|综合评分)\s*(?:为|是|:|：)?\s*(${NUM})\s*分`,
);
/** Weaker wording of the total, tried when TOTAL_SCORE_RE finds nothing (`本项目自评得分为 88 分`). */
export const TOTAL_SCORE_WEAK_RE = new RegExp(String.raw`(?:自评得分|自评分数|自评分)\s*(?:为|是|:|：)?\s*(${NUM})\s*分`);

/** `该指标得满分`: the score equals the weight. */
export const FULL_SCORE_RE = /(?:得满分|给予满分|得分为满分|得分满分|获得满分)/;

/** Multi-level numbering before a heading's or item's text (`1.1 `, `1-3-2、`). */
export const MULTI_LEVEL_PREFIX_RE = /^\d+(?:\s*[-－—.．]\s*\d+)+\s*[、.．]?\s*/;

/** Phrases that end an indicator's paragraph (the total sentence after the last item). */
export const TOTAL_WORDS = ['自评总分', '自评总得分', '综合得分', '总得分'];

/** `自评等级为优`, `评价等级: 良好`, `自评等次为“优”`. */
export const GRADE_RE = /(?:自评等级|自评等次|评价等级|评价等次|绩效等级|综合等级|评价结果|等级评定)\s*(?:为|是|:|：|评定为|评为|属于)?\s*[“"'‘「]?\s*(优秀|良好|中等|合格|不合格|优|良|中|差)/;
/** Right after the total score (`…90.98 分，等级为优`): a bare 等级 / 等次 also names the grade. */
export const GRADE_AFTER_TOTAL_RE = /^.{0,20}?(?:等级|等次)\s*(?:为|是|:|：|评定为|评为)?\s*[“"'‘「]?\s*(优秀|良好|中等|合格|不合格|优|良|中|差)/;

/** Filler between a phrase and its figure: `为`, `是`, `达到`, `共计`, `:`. */
export const PHRASE_FILL = String.raw`\s*(?:为|是|达到|达|共计|共|合计|总计|约|:|：)?\s*`;
/** An amount with its unit (groups: number, unit) and a percentage (groups: number, sign). */
export const MONEY = String.raw`(${NUM})\s*(万元|元)`;
export const PERCENT = String.raw`(${NUM})\s*(%|％)`;

function phrases(words: readonly string[], tail: string): RegExp {
  return new RegExp(String.raw`(?:${words.join('|')})${PHRASE_FILL}${tail}`);
}

/** The budget the prose states (`预算批复资金为 40 万元`), tried in this order (the adjusted budget before 年初预算). */
export const BUDGET_WORDS = ['预算批复资金', '批复预算资金', '预算批复金额', '调整后预算', '全年预算数', '全年预算', '批复预算', '项目预算金额', '预算金额', '预算资金', '年度预算', '年初预算', '预算数'];

/** What was spent (`实际使用金额为 39.96 万元`), tried in this order. */
export const EXECUTED_WORDS = ['实际使用金额', '实际使用资金', '实际支出金额', '实际支出资金', '实际支出', '实际执行金额', '实际执行', '全年执行数', '执行金额', '支出金额', '使用资金', '已支出', '已使用'];

/** The execution rate (`资金使用率为 99.9%`, `预算执行率 100%`), tried in this order. */
export const EXECUTION_RATE_WORDS = ['资金使用率', '预算执行率', '资金执行率', '资金支出率', '执行率'];

/** The arrival rate (`资金到位率 100%`). */
export const ARRIVAL_RATE_WORDS = ['资金到位率', '到位率'];
export const ARRIVAL_RATE_RE = phrases(ARRIVAL_RATE_WORDS, PERCENT);

/** Words of a sentence that analyses the project's funding (where its holder is named). */
export const FUNDING_SENTENCE_WORDS = [...BUDGET_WORDS, ...EXECUTED_WORDS, '到位资金', '资金到位', '资金来源'];

/** The end of an organisation's name (`洪山区司法局`, `区卫生健康委员会`, `政务服务中心`). */
export const ORG_SUFFIXES = [
  '街道办事处',
  '委员会',
  '办公室',
  '办事处',
  '管理处',
  '服务中心',
  '中心',
  '政府',
  '医院',
  '学校',
  '学院',
  '大学',
  '小学',
  '中学',
  '幼儿园',
  '研究院',
  '研究所',
  '局',
  '委',
  '办',
  '厅',
  '院',
  '所',
  '站',
  '队',
  '馆',
  '处',
  '署',
  '会',
];

/** Words before an organisation's name that are not part of it (`根据批复洪山区司法局`). */
export const ORG_LEADING_WORDS = ['根据', '批复', '下达', '审核', '安排', '依据', '按照', '结合', '经过', '通过', '其中', '同时', '经', '由', '对', '向', '为', '了', '的', '是', '在', '将', '从', '即', '和'];

/** Self-references that are not a named unit. */
export const SELF_REFERENCES = ['本单位', '本局', '我局', '我单位', '该局', '本部门', '我部门', '该单位', '本委', '我委', '本中心', '我中心'];

/** Quotation marks around a project's name. */
export const QUOTE_PAIRS: readonly [string, string][] = [
  ['“', '”'],
  ['"', '"'],
  ['「', '」'],
  ['‘', '’'],
];

/** `洪山区医疗保障局依据…对本单位…开展了自评`: sentences naming the reporting unit. */
export const REPORTING_SENTENCE_WORDS = ['开展了自评', '开展自评', '进行了自评', '进行自评', '开展了绩效自评', '开展绩效自评', '进行了绩效自评', '绩效自评工作', '自评工作'];
/** `填报单位: 洪山区医疗保障局`. */
export const UNIT_LABELS = ['填报单位', '单位名称', '报送单位', '评价单位', '自评单位', '编制单位'];

/** `对本单位 2019 年度 2 个项目开展了自评`. */
export const STATED_COUNT_RE = /(\d+)\s*个\s*(?:一级|二级|预算|支出)?\s*项目/;
/** `涉及预算资金 67.56 万元`. */
export const STATED_TOTAL_RE = new RegExp(String.raw`(?:涉及|覆盖|共涉及)(?:预算|财政)?(?:资金|金额)(?:总额|合计)?${PHRASE_FILL}(${NUM})\s*(万元|元)`);

/** Columns of the summary table (序号 / 项目名称 / 预算数 / 全年执行数 / 得分 / 自评等级). Tried in this order. */
export const SUMMARY_COLUMNS: readonly { key: SummaryColumn; words: string[] }[] = [
  { key: 'seq', words: ['序号', '编号'] },
  { key: 'rate', words: ['执行率', '使用率'] },
  { key: 'grade', words: ['等级', '等次', '评价结果'] },
  { key: 'score', words: ['得分', '分数', '评分', '自评分', '总分'] },
  { key: 'executed', words: ['执行数', '执行金额', '实际支出', '支出数', '支出金额', '决算数', '使用金额'] },
  { key: 'budget', words: ['预算数', '预算金额', '预算资金', '年度预算', '全年预算', '预算'] },
  { key: 'name', words: ['项目名称', '项目', '名称'] },
];
export type SummaryColumn = 'seq' | 'name' | 'budget' | 'executed' | 'rate' | 'score' | 'grade';

/** First cell of the summary table's total row. */
export const TOTAL_ROW_WORDS = ['合计', '总计', '小计'];

/** Columns of a project's 项目构成 table (合并明细项目 / 预算数 / 调整数 / 合计). Tried in this order. */
export const COMPOSITION_COLUMNS: readonly { key: CompositionColumn; words: string[] }[] = [
  { key: 'adjustment', words: ['调整数', '调整金额', '调整'] },
  { key: 'total', words: ['合计', '调整后预算', '调整后', '小计', '总计'] },
  { key: 'budget', words: ['预算数', '年初预算', '预算金额', '预算'] },
  { key: 'name', words: ['合并明细项目', '明细项目', '子项目', '项目构成', '项目名称', '项目明细', '名称', '内容'] },
];
export type CompositionColumn = 'name' | 'budget' | 'adjustment' | 'total';

/** Columns of a section's 绩效目标 table. Tried in this order. */
export const GOAL_TABLE_COLUMNS: readonly { key: GoalColumn; words: string[] }[] = [
  { key: 'level1', words: ['一级指标', '一级'] },
  { key: 'level2', words: ['二级指标', '二级'] },
  { key: 'name', words: ['指标名称', '三级指标', '指标内容', '绩效指标名称'] },
  { key: 'target', words: ['指标值', '目标值', '年度指标值', '年度目标值', '预期目标值'] },
];
export type GoalColumn = 'level1' | 'level2' | 'name' | 'target';

/** Row labels of the goal (`年度目标`, `绩效总目标`). */
export const GOAL_ROW_LABELS = ['年度目标', '年度绩效目标', '绩效总目标', '总体目标', '项目绩效目标', '绩效目标'];

/** An attachment's heading: `附件1.1`, `附件 1.2: …`. Group 1 the number, group 2 the rest. */
export const ATTACHMENT_HEADING_RE = /^附\s*件\s*(\d+(?:\s*[.．\-－]\s*\d+)*)?\s*[:：]?\s*(.*)$/;
/** Title of an attached self-evaluation table, standing alone on a line. */
export const ATTACHMENT_TITLE_RE = /^(.{0,40}?)(?:项目支出绩效自评表|项目绩效自评表|绩效自评表|支出项目绩效自评表)\s*$/;

/** Page furniture between the halves of a split table or sentence (`- 3 -`, `第 3 页`). */
export const PAGE_NUMBER_RES = [/^[-—–\s]*\d{1,4}[-—–\s]*$/, /^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$/, /^\d+\s*\/\s*\d+$/];

/** Cells that print nothing (`----`, `——`, `/`). */
export const EMPTY_CELL_RE = /^[-—–_/\\\s]*$/;

/** Unit of money in a header cell or a line above a table. */
export const MONEY_UNIT_RE = /(?:单位\s*[:：]?\s*)?[(（]?\s*(万元|元)\s*[)）]?/;

/** Cells that only a self-evaluation table prints: a table holding one inside a project's section is that project's form. */
export const SELF_EVAL_TABLE_CELL_RE = /年度资金总额|全年预算数|全年执行数|自评得分|项目资金\s*[(（]/;

/** Verbs that follow the reporting unit's name at the start of the opening sentence (`洪山区医疗保障局依据…`). */
export const REPORTING_VERB_RE = /^(?:依据|根据|按照|对|于|关于|在|组织|开展|认真|成立|积极|及时|严格|高度|结合|围绕)/;
/** Words that make a name a self-reference (`本局`, `我单位`, `该局`). */
export const SELF_REFERENCE_PREFIX_RE = /^[本我该]/;
/** A money unit in brackets in a header cell (`预算数(万元)`) or after 单位 (`单位：元`). */
export const UNIT_IN_BRACKETS_RE = /[(（]\s*(万元|元)\s*[)）]/;
export const UNIT_AFTER_LABEL_RE = /单位\s*[:：]?\s*(万元|元)/;
export const UNIT_LABEL_WORD = '单位';
/** A cell holding only a unit (`(万元)`, `元`), the second row of a two-row header. */
export const UNIT_ONLY_RE = /^[(（]?\s*(?:单位\s*[:：]?\s*)?(?:万元|元)\s*[)）]?$/;
/** A unit printed bare after an amount label (`预算数` over `元`, joined as `预算数元`). */
export const UNIT_AFTER_AMOUNT_LABEL_RE = /[数额金](万元|元)$/;
/** Does a block of an attachment print its own money unit? */
export const PRINTED_UNIT_RE = /万元|[(（:：]\s*元/;
/** Section of a per-indicator score item when the prose names no section. */
export const DEFAULT_INDICATOR_SECTION = '绩效指标';
/** A leading year of a name (`2019年机关建设…项目`). */
export const YEAR_PREFIX_RE = /^(?:19|20)\d{2}年度?/;
/** A year inside prose (`2019 年`). */
export const YEAR_IN_PROSE_RE = /(?:19|20)\d{2}\s*年/g;
/** Tails that one part of a report adds to a project's name and another leaves out. */
export const NAME_TAIL_RE = /(?:项目支出绩效自评表|绩效自评表|自评表|项目)$/;
/** The end of a paragraph before an unnumbered indicator paragraph. */
export const PARAGRAPH_END_RE = /[。;；!！?？分)）]$/;
/** A quoted name that is a project's (“2019 年普法宣传项目”). */
export const QUOTED_PROJECT_WORDS_RE = /项目|经费|专项|工程|资金|计划|行动|补助|工作/;
/** A name column of a project's composition (合并明细项目), not of the summary. */
export const COMPOSITION_NAME_RE = /明细|子项目|构成/;
/** A printed weight after a label (`产出指标（50分）`). */
export const WEIGHT_SUFFIX_RE = /\s*[(（][^)）]*分\s*[)）]\s*$/;
/** Chinese numerals of headings, 1-based by position. */
export const CN_DIGITS = '一二三四五六七八九十';
/** Numbering styles of project headings: a regex over the marker, group 1 its number. */
export const HEADING_STYLES: readonly { style: string; re: RegExp }[] = [
  { style: 'num-comma', re: /^(\d{1,2})\s*、$/ },
  { style: 'num-dot', re: /^(\d{1,2})\s*[.．]$/ },
  { style: 'num-paren', re: /^(\d{1,2})\s*[)）]$/ },
  { style: 'paren-num', re: /^[(（]\s*(\d{1,2})\s*[)）]$/ },
  { style: 'paren-cn', re: /^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]$/ },
  { style: 'cn-comma', re: /^([一二三四五六七八九十]{1,3})\s*[、.．]$/ },
  { style: 'di', re: /^第([一二三四五六七八九十]{1,3})/ },
];

/** A scored paragraph about the funds, outside the indicator sections, is the budget-execution item. */
export const FUNDS_ITEM_WORDS = ['预算执行率', '资金执行率', '资金使用率', '执行率', '项目资金', '资金管理'];
