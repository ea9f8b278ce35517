/**
 * Issue 8, kind 2 on the Shanxi-style 财政支出项目绩效自评表: the 评分表's items stand in its 二级指标
 * column (no 三级指标); the total is read from the score column (it came out as 100, the 指标分值
 * of the 总分 row); 合计 is the funds total row; the indicator table ends where the 评分表 begins.
 */
import { describe, expect, it } from '@jest/globals';
import { parseSelfEvalTable } from '../../../src/forms/self-eval-table/index.js';
import { classify } from '../../../src/classify/index.js';
import { Project } from '../../../schemas/record.js';
import { doc, line, table, type CellSpec } from '../../fixtures/forms/build.js';

const v = (n: { value: unknown } | null | undefined) => (n ? n.value : null);

function shanxi(totalLabel: string, weightHead: string) {
  const funds: CellSpec[][] = [
    ['项目名称', { t: '法律援助专项经费', cs: 5 }],
    ['主管部门', { t: '某区司法局', cs: 2 }, '项目实施单位', { t: '某区司法局', cs: 2 }],
    [{ t: '项目资金情况(万元)', rs: 3 }, '', '预算资金', '预算下达资金', '实际支出资金', '备注'],
    [totalLabel === '总分' ? '合计' : '合计：', '110.19', '110.19', '106.09', ''],
    ['市级资金', '69.42', '69.42', '69.42', ''],
  ];
  const goals: CellSpec[][] = [
    [{ t: '绩效目标实现情况', rs: 3 }, '二级指标', '三级指标', '目标值', '实际完成指标值', '完成进度'],
    ['数量指标', '开展专项检查次数', '≥4次', '4次', ''],
    ['服务对象满意度指标', '受益群众满意度', '≥95%', '100%', ''],
  ];
  const score: CellSpec[][] = [
    ['一级指标', '二级指标', weightHead, '得分', '备注'],
    [{ t: '投入(20分)', rs: 2 }, '预算执行率', '10', '9.79', ''],
    ['资金到位率', '10', '10', ''],
    [{ t: '产出(80分)', rs: 1 }, '实际完成率', '80', '75', ''],
    [{ t: totalLabel, cs: 2 }, '100', '94.79', ''],
  ];
  const d = doc(line('2024年度财政支出项目绩效自评表'), table(funds, { page: 1 }), table(goals, { page: 1 }), line('评分表', 2), table(score, { page: 2 }));
  const filing = parseSelfEvalTable(d, classify(d));
  const p = filing.projects[0];
  Project.parse(p);
  return p;
}

describe('kind 2: the Shanxi 评分表 bound by its headers', () => {
  for (const [total, weight] of [['总分', '分值'], ['综合得分', '指标分值']]) {
    it(`${total} / ${weight}`, () => {
      const p = shanxi(total, weight);
      expect(v(p.score_reported)).toBe(94.79);
      expect([v(p.budget_wan), v(p.executed_wan)]).toEqual([110.19, 106.09]);
      expect(p.indicators.map((i) => i.name.value)).toEqual(['开展专项检查次数', '受益群众满意度']);
      expect(p.scores.map((s) => [s.item.value, v(s.weight), v(s.score_reported), s.role])).toEqual([
        ['预算执行率', 10, 9.79, 'budget_execution'],
        ['资金到位率', 10, 10, 'other'],
        ['实际完成率', 80, 75, 'other'],
      ]);
    });
  }
});
