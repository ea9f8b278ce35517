/**
 * Issue 8, kind 5: a declaration printed from a web page (banner, breadcrumb, navigation,
 * publication line, footer around the form) and OCR'd titles (绩效目标自评表, a title with one
 * slip) are classified by their titles, not `unknown`.
 */
import { describe, expect, it } from '@jest/globals';
import { classify } from '../../src/classify/index.js';
import { doc, line, table } from '../fixtures/forms/build.js';
import { selfEvalForm } from '../fixtures/forms/fields.js';

/** A sparse form table: few of the labels the classifier weighs, so the title must count. */
function sparseDeclaration() {
  return table([
    ['项目名称', '农村人居环境整治', '主管部门', '某县农业农村局'],
    ['实施单位', { t: '某县农村环境服务中心', cs: 3 }],
    ['年度目标', { t: '完成20个村庄环境整治', cs: 3 }],
    ['一级指标', '二级指标', '三级指标', '指标值'],
    ['产出指标', '数量指标', '整治村庄数', '≥20个'],
  ]);
}
function sparseSelfEval() {
  return table([
    ['项目名称', '农村人居环境整治', '主管部门', '某县农业农村局'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值'],
    ['产出指标', '数量指标', '整治村庄数', '≥20个', '21个'],
  ]);
}

const CHROME = [
  '某某县人民政府门户网站',
  '首页 政务公开 政务服务 互动交流 走进某某',
  '当前位置：首页 > 政务公开 > 财政信息 > 预决算公开',
  '2023年部门项目绩效目标公开',
  '发布时间：2023-01-05 来源：县财政局 浏览次数：120',
  '【字体：大 中 小】 【打印】 【关闭】',
  '分享到：',
  '索引号：11341122003139000A/2023-00012',
  '主题分类：财政预决算',
];

describe('web-page chrome around a form', () => {
  it('a declaration printed from a web page is a declaration', () => {
    const c = classify(doc(...CHROME.map((t) => line(t)), line('2023年度项目支出绩效目标申报表'), sparseDeclaration(), line('主办单位：某某县人民政府办公室 网站标识码：3411220001'), line('皖ICP备05001234号')));
    expect(c.doc_type).toBe('declaration');
  });
  it('variant: banner lines the chrome patterns do not know still leave the title above the table in the title area', () => {
    const banner = ['欢迎访问某某县信息公开平台', '信息公开指南', '信息公开制度', '法定主动公开内容', '部门信息公开', '乡镇信息公开', '财政资金专栏', '重点领域信息', '政策解读栏目', '依申请公开'];
    const c = classify(doc(...banner.map((t) => line(t)), line('某县2024年项目绩效目标申报表'), sparseDeclaration()));
    expect(c.doc_type).toBe('declaration');
  });
});

describe("OCR'd titles", () => {
  it('绩效目标自评表 names a self-evaluation table', () => {
    const c = classify(doc(line('2022年度项目绩效目标自评表'), sparseSelfEval()));
    expect(c.doc_type).toBe('self_eval_table');
  });
  it('variant: a title with one OCR slip (表 read as 衣) and spaces between the characters', () => {
    const c = classify(doc(line('项 目 支 出 绩 效 自 评 衣'), line('（2022年度）'), sparseSelfEval()));
    expect(c.doc_type).toBe('self_eval_table');
  });
  it('a title spaced into words is not taken for a navigation bar', () => {
    const c = classify(doc(...CHROME.map((t) => line(t)), line('某县 农业农村局 项目支出 绩效目标申报表'), sparseDeclaration()));
    expect(c.doc_type).toBe('declaration');
  });
});

describe("the document's own title decides over an attachment's labels", () => {
  it('a short report whose attached self-evaluation tables bring more labels is a report', () => {
    const c = classify(
      doc(
        line('某区医疗保障局2023年度项目支出绩效自评报告'),
        line('一、基本情况'),
        line('某区医疗保障局2023年度共实施项目2个，现将绩效自评情况报告如下。'),
        line('附件1'),
        ...selfEvalForm({ title: '2023年度项目支出绩效自评表', yearLine: null }),
        line('附件2'),
        ...selfEvalForm({ title: '2023年度项目支出绩效自评表', yearLine: null, indicator: '救助人次' }),
      ),
    );
    expect(c.doc_type).toBe('self_eval_report');
  });
  it('variant: a 绩效评价报告 with one attached table, its title under a unit line', () => {
    const c = classify(doc(line('某县教育局'), line('2022年度义务教育保障项目绩效评价报告'), line('二、项目实施情况'), ...selfEvalForm({ yearLine: null })));
    expect(c.doc_type).toBe('self_eval_report');
  });
});
