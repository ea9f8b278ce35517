/**
 * linkRecords on small hand-built records: declared_in with its pair flags, prior years, a
 * duplicate, precision guards (another year, another place), and relinking is stable.
 */
import { describe, expect, it } from '@jest/globals';
import type { DocumentRecord, Indicator, Project } from '../../schemas/record.js';
import { linkRecords } from '../../src/links/index.js';
import { checkedRecord, n, project, t } from '../checks/fixtures.js';

function ind(name: string, target: string): Indicator {
  return { level1: null, level2: null, name: t(name), target: t(target), actual: null, weight: null, score_reported: null, note: null, met: null };
}

function proj(patch: Partial<Project>): Project {
  return project(1, { fiscal_year: n('2022'), unit: t('天水市秦州区卫生健康局'), department: t('天水市秦州区卫生健康局'), ...patch });
}

function rec(id: string, type: DocumentRecord['doc_type'], p: Project, sha = '0'): DocumentRecord {
  return checkedRecord(id, [p], { doc_type: type, sha256: sha.repeat(64) });
}

const decl = rec('decl', 'declaration', proj({ project_name: t('2022年基本公共卫生服务专项资金'), budget_wan: n('120.00'), indicators: [ind('建档率', '≥90%'), ind('接种率', '≥95%'), ind('素养水平', '≥22%')] }), '1');
const evalGood = rec('eval', 'self_eval_table', proj({ project_name: t('基本公共卫生服务项目'), initial_budget_wan: n('100.00'), budget_wan: n('120.00'), indicators: [ind('建档率', '≥ 90 %'), ind('接种率', '≥90%'), ind('签约率', '≥40%')] }), '2');

describe('linkRecords', () => {
  it('links a self-evaluation to its declaration and raises the pair flags on the self-evaluation', () => {
    const out = linkRecords([evalGood, decl]);
    const e = out.find((r) => r.doc_id === 'eval')!;
    expect(e.links).toEqual([{ project_seq: 1, other_doc_id: 'decl', other_project_seq: 1, relation: 'declared_in', score: 1, matched_on: 'unit+project_name+fiscal_year' }]);
    const pair = e.flags.filter((f) => f.other_doc_id);
    expect(pair.map((f) => [f.code, f.field, f.reported, f.expected]).sort()).toEqual([
      ['BUDGET_CHANGED', 'budget_initial_wan', '100', '120'],
      ['INDICATOR_DROPPED', 'indicator:签约率', '签约率', null],
      ['INDICATOR_DROPPED', 'indicator:素养水平', null, '素养水平'],
      ['TARGET_CHANGED', 'target:接种率', '≥90%', '≥95%'],
    ]);
    expect(out.find((r) => r.doc_id === 'decl')!.links).toBeUndefined();
  });

  it('does not link another year or another place, whatever the name', () => {
    const otherYear = rec('eval', 'self_eval_table', proj({ fiscal_year: n('2021'), project_name: t('基本公共卫生服务项目') }), '2');
    const otherPlace = rec('eval2', 'self_eval_table', proj({ unit: t('晋中市卫生健康局'), department: t('晋中市卫生健康局'), project_name: t('基本公共卫生服务项目') }), '3');
    const out = linkRecords([decl, otherYear, otherPlace]);
    expect(out.flatMap((r) => r.links ?? [])).toEqual([]);
    expect(out.flatMap((r) => r.flags.filter((f) => f.other_doc_id))).toEqual([]);
  });

  it('a unit named by its department in one filing and by itself in the other', () => {
    const d = rec('d', 'declaration', proj({ unit: t('九江市濂溪区食品药品检验检测中心'), department: t('九江市濂溪区市场监督管理局'), project_name: t('食品安全抽检监测经费') }), '4');
    const e = rec('e', 'self_eval_table', proj({ unit: t('九江市濂溪区市场监督管理局'), department: t('九江市濂溪区市场监督管理局'), project_name: t('食品安全抽检监测项目') }), '5');
    expect(linkRecords([d, e]).find((r) => r.doc_id === 'e')!.links?.[0].matched_on).toBe('department+project_name+fiscal_year');
  });

  it('prior years: agreeing with either budget is no flag, with neither is PRIOR_YEAR', () => {
    const d2023 = (amount: string) =>
      rec('d2023', 'declaration', proj({ fiscal_year: n('2023'), project_name: t('基本公共卫生服务'), prior_year_budgets: [{ year: 2022, amount_wan: n(amount) }] }), '6');
    const evalFor = rec('e2022', 'self_eval_table', proj({ project_name: t('基本公共卫生服务项目'), initial_budget_wan: n('100.00'), budget_wan: n('120.00') }), '7');
    for (const [amount, flagged] of [['100', false], ['120.00', false], ['110.00', true]] as const) {
      const out = linkRecords([d2023(amount), evalFor]).find((r) => r.doc_id === 'd2023')!;
      expect(out.links?.map((l) => [l.other_doc_id, l.relation])).toEqual([['e2022', 'prior_year']]);
      expect(out.flags.filter((f) => f.code === 'PRIOR_YEAR').length).toBe(flagged ? 1 : 0);
    }
  });

  it('the same filing twice: a DUPLICATE on the later copy, which takes no other link; relinking is stable', () => {
    const copy = { ...evalGood, doc_id: 'eval-copy' };
    const out = linkRecords([decl, evalGood, copy]);
    const c = out.find((r) => r.doc_id === 'eval-copy')!;
    expect(c.links?.map((l) => [l.relation, l.other_doc_id, l.matched_on])).toEqual([['duplicate', 'eval', 'sha256']]);
    expect(c.flags.filter((f) => f.other_doc_id).map((f) => [f.code, f.project_seq])).toEqual([['DUPLICATE', null]]);
    expect(linkRecords(out)).toEqual(out);
  });
});
