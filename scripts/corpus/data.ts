/**
 * Word pools of the generated corpus: places, agencies, projects, indicators, label synonyms.
 * Data only; the family builders (families.ts) draw from them.
 */

/** [province, city, county] — county-level places whose units file (GB/T 2260 names). */
export const PLACES: [string, string, string][] = [
  ['安徽省', '合肥市', '肥西县'],
  ['安徽省', '芜湖市', '鸠江区'],
  ['四川省', '成都市', '郫都区'],
  ['四川省', '绵阳市', '涪城区'],
  ['上海市', '上海市', '闵行区'],
  ['湖南省', '长沙市', '望城区'],
  ['湖南省', '株洲市', '醴陵市'],
  ['山东省', '潍坊市', '寿光市'],
  ['山东省', '临沂市', '兰山区'],
  ['宁夏回族自治区', '银川市', '西夏区'],
  ['湖北省', '武汉市', '洪山区'],
  ['湖北省', '孝感市', '孝南区'],
  ['湖北省', '鄂州市', '华容区'],
  ['山西省', '晋中市', '榆次区'],
  ['甘肃省', '天水市', '秦州区'],
  ['广东省', '韶关市', '武江区'],
  ['江西省', '九江市', '濂溪区'],
  ['江苏省', '宿迁市', '宿城区'],
];

/** [department suffix, subordinate unit suffix, project names] */
export const AGENCIES: [string, string, string[]][] = [
  ['生态环境分局', '生态环境监测站', ['大气污染防治专项', '环境监测能力建设', '农村生活污水治理', '重点河湖水质监测']],
  ['农业农村局', '农业技术推广中心', ['高标准农田建设', '耕地地力保护补贴', '动物防疫体系建设', '农技推广服务补助']],
  ['卫生健康局', '疾病预防控制中心', ['基本公共卫生服务项目', '重大传染病防控', '家庭医生签约服务', '妇幼健康服务']],
  ['教育局', '教育服务中心', ['学生资助补助经费', '义务教育薄弱环节改善', '教师培训专项', '校园安全保障经费']],
  ['市场监督管理局', '食品药品检验所', ['食品安全监督抽检', '特种设备安全监察', '计量检定能力建设', '知识产权保护专项']],
  ['民政局', '社会福利中心', ['困难群众救助补助', '养老服务体系建设', '社区治理能力提升', '残疾人两项补贴']],
  ['水利局', '水利工程管理站', ['小型水库除险加固', '河道清淤整治', '农村饮水安全巩固', '水土保持治理']],
  ['医疗保障局', '医疗保障服务中心', ['打击欺诈骗保专项', '医保经办能力建设', '城乡居民医保宣传', '医疗救助资金']],
  ['司法局', '公共法律服务中心', ['普法宣传项目', '人民调解以奖代补', '法律援助专项经费', '社区矫正工作经费']],
  ['文化和旅游局', '文化馆', ['公共文化服务体系建设', '非遗保护传承', '送戏下乡专项', '图书馆免费开放']],
];

export interface IndicatorDef {
  level1: '产出指标' | '效益指标' | '满意度指标';
  level2: string;
  name: string;
  unit: string;
  /** 'up' = more is better (≥), 'down' = less is better (≤), 'eq' = exactly, 'qual' = words */
  dir: 'up' | 'down' | 'eq' | 'qual';
  /** target range [lo, hi] (integers), or the target words of a qualitative indicator */
  range?: [number, number];
  words?: [string, string];
}

export const INDICATORS: IndicatorDef[] = [
  { level1: '产出指标', level2: '数量指标', name: '开展培训人次', unit: '人次', dir: 'up', range: [200, 3000] },
  { level1: '产出指标', level2: '数量指标', name: '开展专项检查次数', unit: '次', dir: 'up', range: [4, 60] },
  { level1: '产出指标', level2: '数量指标', name: '覆盖行政村个数', unit: '个', dir: 'up', range: [10, 120] },
  { level1: '产出指标', level2: '数量指标', name: '政策宣传活动次数', unit: '次', dir: 'up', range: [2, 24] },
  { level1: '产出指标', level2: '数量指标', name: '补助发放人数', unit: '人', dir: 'up', range: [150, 5000] },
  { level1: '产出指标', level2: '数量指标', name: '设置监测点位', unit: '处', dir: 'up', range: [20, 150] },
  { level1: '产出指标', level2: '质量指标', name: '验收合格率', unit: '%', dir: 'up', range: [90, 100] },
  { level1: '产出指标', level2: '质量指标', name: '问题整改完成率', unit: '%', dir: 'up', range: [85, 100] },
  { level1: '产出指标', level2: '质量指标', name: '服务质量达标情况', unit: '', dir: 'qual', words: ['达到国家标准', '达到国家标准'] },
  { level1: '产出指标', level2: '时效指标', name: '资金拨付及时率', unit: '%', dir: 'eq', range: [100, 100] },
  { level1: '产出指标', level2: '时效指标', name: '项目完成时限', unit: '', dir: 'qual', words: ['年底前完成', '按期完成'] },
  { level1: '产出指标', level2: '成本指标', name: '人均补助标准', unit: '元', dir: 'down', range: [300, 2000] },
  { level1: '产出指标', level2: '成本指标', name: '单位运行成本', unit: '万元', dir: 'down', range: [5, 60] },
  { level1: '效益指标', level2: '社会效益指标', name: '群众政策知晓率', unit: '%', dir: 'up', range: [80, 95] },
  { level1: '效益指标', level2: '社会效益指标', name: '公共服务水平', unit: '', dir: 'qual', words: ['明显提升', '明显提升'] },
  { level1: '效益指标', level2: '经济效益指标', name: '带动农户增收', unit: '万元', dir: 'up', range: [20, 400] },
  { level1: '效益指标', level2: '生态效益指标', name: '空气质量优良天数比例', unit: '%', dir: 'up', range: [75, 92] },
  { level1: '效益指标', level2: '可持续影响指标', name: '长效管理机制', unit: '', dir: 'qual', words: ['逐步健全', '基本建立'] },
  { level1: '满意度指标', level2: '服务对象满意度指标', name: '服务对象满意度', unit: '%', dir: 'up', range: [85, 95] },
  { level1: '满意度指标', level2: '服务对象满意度指标', name: '受益群众满意度', unit: '%', dir: 'up', range: [80, 95] },
];

/** Reasons printed next to a shortfall (a clean filing always gives one). */
export const REASONS = [
  '受疫情影响部分活动延期，下年度加强统筹',
  '部分项目尚在验收，已督促加快进度',
  '实际需求低于预期，下年度调整目标',
  '采购流程较长，已优化采购计划',
];

/** Header words of an indicator table's columns, per meaning (first = the MoF template's). */
export const IND_HEADERS: Record<string, (string | string[])[]> = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  name: ['三级指标', '指标名称', '指标内容', ['三级', '指标']],
  target: ['年度指标值', '指标值', '年度目标值', ['年度', '指标值'], '预期指标值'],
  actual: ['实际完成值', '全年实际值', '全年完成值', ['实际', '完成值']],
  weight: ['分值', '权重', '指标分值'],
  score: ['得分', '自评得分', '评分'],
  note: ['偏差原因分析及改进措施', '未完成原因和改进措施', '原因分析及改进措施', '备注'],
};

export const LABELS = {
  project: ['项目名称', '专项资金名称', '项目(资金)名称'],
  department: ['主管部门', '县级主管部门', '主管单位'],
  unit: ['实施单位', '资金使用单位', '项目实施单位'],
};

export const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
export const cnYear = (y: number): string => [...String(y)].map((d) => CN_DIGITS[Number(d)]).join('');
