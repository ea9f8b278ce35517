/** OCR readings of names repaired only where the filing or GB/T 2260 confirms the other spelling. */
import { describe, expect, it } from '@jest/globals';
import type { LaidOutDocument } from '../../src/model/layout.js';
import { emptyProject, type ParsedFiling } from '../../src/forms/types.js';
import { repairByRepetition, repairDivisions, repairNames } from '../../src/repair/index.js';

const ocrText = (value: string) => ({ value, src: { page: 1, raw: value, confidence: 0.93 } });
const laid = (texts: string[], source: LaidOutDocument['source'] = 'ocr'): LaidOutDocument => ({
  blocks: texts.map((text, i) => ({ kind: 'line' as const, line: { text, page: 1, box: { x0: 0, y0: i * 10, x1: 100, y1: i * 10 + 8 } } })),
  source,
  warnings: [],
});
const filing = (unit: string, confidence = true): ParsedFiling => ({
  doc_type: 'self_eval_table',
  variant: null,
  title: null,
  money_unit: '万元',
  projects: [{ ...emptyProject(1), unit: confidence ? ocrText(unit) : { value: unit, src: { page: 1, raw: unit } } }],
  summary_table: null,
  missing: [],
  warnings: [],
});

describe('division names (GB/T 2260)', () => {
  it('repairs a changed character when the prefecture above stands in the name', () => {
    expect(repairDivisions('武汉市黄坡区医疗保障局', [])?.value).toBe('武汉市黄陂区医疗保障局');
  });
  it('repairs a prefecture whose province the filing prints', () => {
    expect(repairDivisions('考感市生态环境局', ['湖北省财政厅文件'])?.value).toBe('孝感市生态环境局');
  });
  it('repairs a dropped character when the division is printed elsewhere', () => {
    expect(repairDivisions('黄石港医疗保障局', ['黄石市黄石港区'])).toBeNull(); // no suffix left: nothing to anchor on
    expect(repairDivisions('襄阳市樊区教育局', ['襄阳市樊城区教育局'])?.value).toBe('襄阳市樊城区教育局');
  });
  it('leaves a made-up place alone when nothing in the filing confirms another', () => {
    expect(repairDivisions('青禾县农田建设服务中心', ['青禾县农田建设服务中心', '2022年度项目支出绩效自评表'])).toBeNull();
  });
  it('leaves real division names alone', () => {
    expect(repairDivisions('武汉市洪山区医疗保障局', ['湖北省'])).toBeNull();
  });
});

describe('names printed more than once', () => {
  it('takes the spelling the filing prints more often', () => {
    const texts = ['填报单位：东川县环境监测站', '东川县环境监侧站', '东川县环境监测站（盖章）'];
    expect(repairByRepetition('东川县环境监侧站', texts)?.value).toBe('东川县环境监测站');
  });
  it('restores a dropped character', () => {
    const texts = ['洪山区医疗保障局', '洪山区医疗保局', '单位：洪山区医疗保障局'];
    expect(repairByRepetition('洪山区医疗保局', texts)?.value).toBe('洪山区医疗保障局');
  });
  it('does not vote when the reading is as common as its neighbour', () => {
    const texts = ['东川县环境监测站', '东川县环境监侧站', '东川县环境监侧站', '东川县环境监测站'];
    expect(repairByRepetition('东川县环境监侧站', texts)).toBeNull();
  });
});

describe('repairNames on a filing', () => {
  it('keeps the reading it replaced and says so', () => {
    const out = repairNames(filing('东川县环境监侧站'), laid(['东川县环境监测站', '东川县环境监侧站', '盖章：东川县环境监测站']));
    expect(out.projects[0].unit?.value).toBe('东川县环境监测站');
    expect(out.projects[0].unit?.src.repaired_from).toBe('东川县环境监侧站');
    expect(out.warnings.join('\n')).toMatch(/监侧站.*repaired to.*监测站/);
  });
  it('never touches born-digital values', () => {
    const texts = ['东川县环境监测站', '东川县环境监侧站', '东川县环境监测站'];
    expect(repairNames(filing('东川县环境监侧站', false), laid(texts, 'pdf_text')).projects[0].unit?.value).toBe('东川县环境监侧站');
  });
});
