/**
 * Made-up: a declaration as server software writes it — STSong-Light (not embedded) with the
 * UniGB-UCS2-H CMap, borders as rectangles. 江苏省宿迁市宿豫区农业农村局, 2022.
 */
import { A4, CidPdf, drawGrid, textWidth, type GridCell } from '../pdf-cid.js';
import type { Expected, Sample } from '../types.js';

const UNIT = '宿迁市宿豫区农业农村局';
const PROJECT = '农村人居环境整治提升';

/** level1, level2, name, value ('' level = merged with the row above) */
const INDICATORS: [string, string, string, string][] = [
  ['产出指标', '数量指标', '农村户厕改造数量', '≥1200户'],
  ['', '', '村庄清洁行动覆盖行政村数', '86个'],
  ['', '质量指标', '改厕验收合格率', '≥95%'],
  ['', '时效指标', '项目完成时间', '2022年11月底前'],
  ['', '成本指标', '户厕改造补助标准', '≤1000元/户'],
  ['效益指标', '社会效益指标', '农村生活垃圾无害化处理率', '≥90%'],
  ['', '生态效益指标', '村庄环境卫生状况', '明显改善'],
  ['满意度指标', '服务对象满意度指标', '受益农户满意度', '≥90%'],
];

function bytes(): Uint8Array {
  const pdf = new CidPdf({ title: '2022年度项目支出绩效目标申报表', producer: 'iText 2.1.7 by 1T3XT' });
  const pb = pdf.page(A4);
  const x = 40;
  const W = [92, 72, 108, 85, 79, 79];
  const total = W.reduce((a, b) => a + b, 0);
  const t = '项目支出绩效目标申报表';
  pb.text((A4[0] - textWidth(t, 18)) / 2, 50, 18, t);
  pb.text((A4[0] - textWidth('（2022年度）', 11)) / 2, 76, 11, '（2022年度）');
  pb.text(x, 100, 10.5, `单位名称：${UNIT}`);
  const mu = '资金单位：万元';
  pb.text(x + total - textWidth(mu, 10.5), 100, 10.5, mu);
  const C = (t: string, o: Omit<GridCell, 't'> = {}): GridCell => ({ t, ...o });
  const rows: GridCell[][] = [
    [C('项目名称'), C(PROJECT, { cs: 5, al: 'l' })],
    [C('主管部门及代码'), C(`${UNIT}（126）`, { cs: 2 }), C('实施单位'), C(UNIT, { cs: 2 })],
    [C('项目属性'), C('经常性项目', { cs: 2 }), C('项目期'), C('2022年1月至12月', { cs: 2 })],
    [C('项目资金（万元）', { rs: 4 }), C('年度资金总额', { cs: 3, al: 'l' }), C('156.80', { cs: 2 })],
    [C('其中：财政拨款', { cs: 3, al: 'l' }), C('156.80', { cs: 2 })],
    [C('上年结转资金', { cs: 3, al: 'l' }), C('', { cs: 2 })],
    [C('其他资金', { cs: 3, al: 'l' }), C('', { cs: 2 })],
    [
      C('年度绩效目标'),
      C(
        '完成全区1200户以上农村户厕改造，推进86个行政村村庄清洁行动，健全农村生活垃圾收运处置体系，改厕验收合格率不低于95%，农村人居环境明显改善，受益农户满意度达到90%以上。',
        { cs: 5, al: 'l' },
      ),
    ],
    [C('绩效指标', { rs: INDICATORS.length + 1 }), C('一级指标'), C('二级指标'), C('三级指标', { cs: 2 }), C('指标值')],
  ];
  for (let i = 0; i < INDICATORS.length; i++) {
    const [l1, l2, name, value] = INDICATORS[i];
    const span = (k: number): number => {
      let n = 1;
      while (i + n < INDICATORS.length && INDICATORS[i + n][k] === '') n++;
      return n;
    };
    const r: GridCell[] = [];
    if (l1 !== '') r.push(C(l1, { rs: span(0) }));
    if (l2 !== '') r.push(C(l2, { rs: span(1) }));
    r.push(C(name, { cs: 2, al: 'l' }), C(value));
    rows.push(r);
  }
  const bottom = drawGrid(pb, x, 118, W, rows, 10);
  // the outer frame drawn again with lines, as some report engines do
  pb.line(x, 118, x + total, 118, 1);
  pb.line(x, bottom, x + total, bottom, 1);
  pb.text(x, bottom + 14, 10.5, '填报人：陈立群        联系电话：0527-84412356        填报日期：2022年3月15日');
  return pdf.toBytes();
}

const expected: Expected = {
  doc_id: 'suqian-2022-declaration-cidfont',
  doc_type: 'declaration',
  projects: [
    {
      project_seq: 1,
      fiscal_year: 2022,
      unit: UNIT,
      project_name: PROJECT,
      budget_wan: 156.8,
      executed_wan: null,
      execution_rate_reported: null,
      score_reported: null,
      grade_reported: null,
      indicators: INDICATORS.map(([, , name, target], i) => {
        let l1 = '';
        let k2 = '';
        for (let k = i; k >= 0 && (l1 === '' || k2 === ''); k--) {
          if (l1 === '') l1 = INDICATORS[k][0];
          if (k2 === '') k2 = INDICATORS[k][1];
        }
        return { level1: l1, level2: k2, name, target, actual: null };
      }),
    },
  ],
  flags: [],
};

export const suqianCid: Sample = { docId: 'suqian-2022-declaration-cidfont', kind: 'raw', bytes, expected };
