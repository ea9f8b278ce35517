import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { classify } from '../../src/classify/index.js';
import { declarationDoc } from '../fixtures/forms/declaration.js';
import { hubeiDoc, nationalDoc, shanxiDoc } from '../fixtures/forms/self-eval.js';
import { doc, line, table, tsv } from '../fixtures/forms/build.js';

describe('classify', () => {
  it('declaration', () => {
    const c = classify(declarationDoc());
    expect(c.doc_type).toBe('declaration');
    expect(c.variant).toBeNull();
    expect(c.evidence).toContain('title:绩效目标申报表');
  });
  it('declaration without its title, by labels (with an OCR slip)', () => {
    const d = declarationDoc({ goalLabel: '坝目绩效总目标' });
    d.blocks = d.blocks.filter((b) => !(b.kind === 'line' && b.line.text.includes('申报表')));
    const c = classify(d);
    expect(c.doc_type).toBe('declaration');
    expect(c.evidence).toContain('label:项目绩效总目标');
  });
  it('a 绩效目标表 titled declaration', () => {
    const c = classify(doc(line('2022年度项目支出绩效目标表'), table([['项目名称', 'X'], ['年度绩效目标', '完成任务'], ['一级指标', '二级指标', '三级指标', '指标值']])));
    expect(c.doc_type).toBe('declaration');
  });
  it('self-evaluation tables and their variants', () => {
    expect(classify(hubeiDoc())).toMatchObject({ doc_type: 'self_eval_table', variant: 'hubei' });
    expect(classify(nationalDoc())).toMatchObject({ doc_type: 'self_eval_table', variant: 'national' });
    expect(classify(shanxiDoc())).toMatchObject({ doc_type: 'self_eval_table', variant: 'shanxi' });
  });
  it('self-evaluation report: title, numbered sections, summary table', () => {
    const d = doc(
      line('2019 年度项目支出绩效自评报告'),
      line('一、绩效自评工作开展情况'),
      line('洪山区医疗保障局对本单位 2 个项目开展了自评。'),
      line('二、本报告包含项目的自评结果'),
      tsv('序号\t项目名称\t预算数(万元)\t全年执行数(万元)\t得分\t自评等级\n1\t机关建设\t40.00\t39.96\t90.98\t优'),
      line('三、各项目自评情况'),
      line('附件1.1'),
      line('项目支出绩效自评表'),
      tsv('项目资金 (20分)\t\t全年预算数(A)\t全年执行数(B)\t预算执行率(B/A)\t自评分\n\t年度资金总额:\t40\t39.96\t99.9%\t19.98'),
    );
    const c = classify(d);
    expect(c.doc_type).toBe('self_eval_report');
    expect(c.variant).toBe('hubei');
    expect(c.evidence).toContain('summary_table');
  });
  it('unknown for unrelated text', () => {
    const d = doc(
      line('关于做好2021年春节期间安全生产工作的通知'),
      line('各区人民政府，市政府各部门：'),
      line('为切实做好春节期间安全生产工作，现将有关事项通知如下。'),
      tsv('序号\t检查内容\t责任单位\n1\t消防安全\t市应急管理局\n2\t道路交通\t市公安局'),
    );
    const c = classify(d);
    expect(c.doc_type).toBe('unknown');
    expect(c.variant).toBeNull();
    expect(c.evidence[0]).toMatch(/^scores:/);
  });
  it('unknown for a budget table that is none of the forms', () => {
    const d = doc(line('2021年部门预算收支总表'), tsv('项目\t预算数\n一般公共预算\t100\n合计\t100'));
    expect(classify(d).doc_type).toBe('unknown');
  });
  it('unknown for an empty document', () => {
    expect(classify({ blocks: [], source: 'plain_text', warnings: [] }).doc_type).toBe('unknown');
  });
});

const SEEDS = '/work/shared/seeds/';
const haveLayout = existsSync(new URL('../../src/layout/plain-text/index.ts', import.meta.url)) && existsSync(SEEDS);

(haveLayout ? describe : describe.skip)('classify the seeds through the plain-text layout', () => {
  it.each([
    ['hongshan-2021-declaration.txt', 'declaration', null],
    ['jinzhong-2020-self-eval-table.txt', 'self_eval_table', 'shanxi'],
    ['hongshan-2019-self-eval-report.txt', 'self_eval_report', 'hubei'],
  ])('%s', async (name, type, variant) => {
    const { ingestPlainText } = await import('../../src/ingest/plain-text/index.js');
    const { layoutPlainText } = await import('../../src/layout/plain-text/index.js');
    const laid = layoutPlainText(ingestPlainText(new Uint8Array(readFileSync(SEEDS + name))).pages[0]);
    expect(classify(laid)).toMatchObject({ doc_type: type, variant });
  });
});
