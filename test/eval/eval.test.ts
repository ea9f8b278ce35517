import { describe, expect, it, beforeAll } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentRecord } from '../../schemas/record.js';
import { writeOutputs } from '../../src/emit/index.js';
import { evaluate, formatReport, sameValue } from '../../scripts/eval.js';
import { checkedRecord, n, project, t } from '../checks/fixtures.js';

function record(): DocumentRecord {
  const p = project(1, {
    unit: t('武汉市洪山区医疗保障局'),
    budget_wan: n('40'),
    executed_wan: n('39.96'),
    score_reported: n('90.98'),
    prior_year_budgets: [{ year: 2019, amount_wan: n('27.56') }],
    budget_lines: [{ kind: 'funding_source', name: t('一般公共预算财政拨款收入'), amount_wan: n('40') }],
    indicators: [
      { level1: null, level2: null, name: t('宣传次数'), target: t('≥2次'), actual: t('3次'), weight: null, score_reported: null, note: null, met: null },
    ],
  });
  return checkedRecord('d1', [p]);
}

describe('evaluate', () => {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-eval-out-'));
  const exp = mkdtempSync(join(tmpdir(), 'jixiao-eval-exp-'));
  beforeAll(async () => {
    const r = record();
    expect(r.flags).toEqual([]);
    await writeOutputs(out, [r]);
    mkdirSync(exp, { recursive: true });
    // 16 fields: doc_type; 6 project fields (score_reported wrong); 2 prior-year; 3 budget-line; 4 indicator.
    writeFileSync(
      join(exp, 'd1.json'),
      JSON.stringify({
        doc_id: 'd1',
        doc_type: 'self_eval_table',
        projects: [
          {
            project_seq: 1,
            unit: '武汉市洪山区医疗保障局',
            budget_wan: 40,
            executed_wan: 39.96,
            execution_rate_recomputed: 0.999,
            grade_reported: null,
            score_reported: 91,
            prior_year_budgets: [{ year: 2019, amount_wan: 27.56 }],
            budget_lines: [{ kind: 'funding_source', name: '一般公共预算财政拨款收入', amount_wan: 40 }],
            indicators: [{ name: '宣传次数', target: '≥2次', actual: '3次', met: true }],
          },
        ],
        flags: [],
      }),
    );
  });

  it('counts one wrong field of 16 → 93.75%', () => {
    const res = evaluate(out, exp);
    expect(res.documents.map((d) => [d.doc_id, d.right, d.total])).toEqual([['d1', 15, 16]]);
    expect(res.accuracy).toBeCloseTo(0.9375, 10);
    expect(res.documents[0].wrong).toEqual([{ doc_id: 'd1', path: 'projects[1].score_reported', expected: '91', got: '90.98' }]);
    const report = formatReport(res, true);
    expect(report).toContain('15/16');
    expect(report).toContain('93.8%');
    expect(report).toContain('projects[1].score_reported: expected 91, got 90.98');
  });

  it('counts a document missing from the output and a flag not raised as wrong', () => {
    writeFileSync(
      join(exp, 'd2.json'),
      JSON.stringify({ doc_id: 'd2', doc_type: 'declaration', projects: [{ project_seq: 1, budget_wan: 1 }], flags: [{ code: 'GRADE', project_seq: 1 }] }),
    );
    const res = evaluate(out, exp);
    expect(res.documents.map((d) => [d.doc_id, d.right, d.total])).toEqual([
      ['d1', 15, 16],
      ['d2', 0, 3],
    ]);
    expect(res.right / res.total).toBeCloseTo(15 / 19, 10);
  });

  it('compares numbers with a small tolerance and null with empty', () => {
    expect(sameValue(0.999, '0.999')).toBe(true);
    expect(sameValue(0.999, '0.9990000001')).toBe(true);
    expect(sameValue(0.999, '0.998')).toBe(false);
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue(null, '0')).toBe(false);
    expect(sameValue(true, 'true')).toBe(true);
  });
});

describe('twinOf', () => {
  it('pairs an OCR sample with the longest doc_id it extends', async () => {
    const { twinOf } = await import('../../scripts/eval.js');
    expect(twinOf('a-b-scan', ['a', 'a-b', 'a-b-scan'])).toBe('a-b');
    expect(twinOf('x-scan', ['y'])).toBeNull();
  });
});

describe('figures per part, family, producer and flag code', () => {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-eval-parts-out-'));
  const root = mkdtempSync(join(tmpdir(), 'jixiao-eval-parts-'));
  const exp = join(root, 'heldout', 'expected');
  beforeAll(async () => {
    const ind = (name: string, actual: string) => ({ level1: null, level2: null, name: t(name), target: t('≥2次'), actual: t(actual), weight: null, score_reported: null, note: null, met: null });
    const ok = project(1, { budget_wan: n('40'), executed_wan: n('39.96'), execution_rate_reported: n('0.999'), indicators: [ind('宣传次数', '3次'), ind('培训次数', '5次')] });
    // a printed rate far from 39.96 / 40: the checks raise EXEC_RATE
    const off = () => project(1, { budget_wan: n('40'), executed_wan: n('39.96'), execution_rate_reported: n('0.5') });
    const recs = [checkedRecord('a', [ok]), checkedRecord('b', [off()]), checkedRecord('c', [off()])];
    expect(recs.map((r) => r.flags.map((f) => f.code))).toEqual([[], ['EXEC_RATE'], ['EXEC_RATE']]);
    await writeOutputs(out, recs);
    mkdirSync(exp, { recursive: true });
    const e = (id: string, flags: unknown[]) =>
      writeFileSync(join(exp, `${id}.json`), JSON.stringify({ doc_id: id, doc_type: 'self_eval_table', projects: [{ project_seq: 1, budget_wan: 40, executed_wan: 39.96 }], flags }));
    e('a', []); // clean, nothing raised
    // two indicator rows listed: one right, one with a wrong actual
    const a = JSON.parse(readFileSync(join(exp, 'a.json'), 'utf8'));
    a.projects[0].indicators = [{ name: '宣传次数', target: '≥2次', actual: '3次' }, { name: '培训次数', target: '≥2次', actual: '4次' }];
    writeFileSync(join(exp, 'a.json'), JSON.stringify(a));
    e('b', []); // clean, but EXEC_RATE raised: a false alarm
    e('c', [{ code: 'EXEC_RATE', project_seq: 1 }]); // injected and found
    writeFileSync(
      join(root, 'manifest.json'),
      JSON.stringify({ documents: [
        { doc_id: 'a', family: 'national', producer: 'cid', kinds: ['landscape'] },
        { doc_id: 'b', family: 'national', producer: 'chromium', kinds: [] },
        { doc_id: 'c', family: 'hubei', producer: 'cid', kinds: ['landscape'] },
      ] }),
    );
  });

  it('counts recall, false alarms and clean documents with a flag', async () => {
    const { evaluateParts, formatParts, partName } = await import('../../scripts/eval.js');
    expect(partName(exp)).toBe('heldout');
    const [p] = evaluateParts(out, [exp]);
    expect(p.part).toBe('heldout');
    expect(p.overall.docs).toBe(3);
    // 3 fields per document (doc_type, budget, executed) and 6 indicator fields, one wrong
    expect(p.overall.fields).toEqual({ right: 14, total: 15, accuracy: 14 / 15 });
    expect(p.overall.indicators).toMatchObject({ tp: 1, fp: 1, fn: 1, f1: 0.5 });
    expect(p.overall.flags).toEqual({ expected: 1, found: 1, recall: 1, extra: 1 });
    expect([p.overall.clean, p.overall.falseAlarmDocs, p.overall.falseAlarmErrorDocs]).toEqual([2, 1, 1]);
    expect(p.byCode.EXEC_RATE).toEqual({ expected: 1, found: 1, recall: 1, falseAlarms: 1, falseAlarmDocs: 1 });
    expect(Object.keys(p.byFamily)).toEqual(['hubei', 'national']);
    expect(p.byFamily.national.falseAlarmDocs).toBe(1);
    expect(p.byProducer.cid.docs).toBe(2);
    expect(p.byKind.landscape.docs).toBe(2);
    const text = formatParts([p]);
    expect(text).toContain('== part heldout');
    expect(text).toMatch(/EXEC_RATE\s+1\/1\s+100\.0%\s+1\s+1/);
  });

  it('scores indicator rows: a row with a wrong field is both missed and false', () => {
    const res = evaluate(out, exp);
    expect(res.documents.map((d) => d.ind)).toEqual([
      { tp: 1, fp: 1, fn: 1 },
      { tp: 0, fp: 0, fn: 0 },
      { tp: 0, fp: 0, fn: 0 },
    ]);
  });
});
