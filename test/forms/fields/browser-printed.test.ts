/**
 * Issue 8 kinds 1, 5, 6, 7 and 14 end to end on PDFs printed by Chromium (test/fixtures/fields):
 * a declaration inside web-page chrome, two self-evaluation forms in one PDF.
 */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { extract } from '../../../src/index.js';

const dir = join('test', 'fixtures', 'fields');
const v = (x: { value: unknown } | null | undefined) => (x ? x.value : null);

describe('browser-printed filings', () => {
  it('a declaration printed from a web page, and two forms in one PDF', async () => {
    const [twoForms, web] = await extract([join(dir, 'two-forms.pdf'), join(dir, 'web-declaration.pdf')], { concurrency: 1 });

    expect([web.doc_type, web.status]).toEqual(['declaration', 'ok']);
    const d = web.projects[0];
    expect([v(d.fiscal_year), v(d.department), v(d.department_code), v(d.project_name), v(d.budget_wan)]).toEqual([
      2023,
      '某某县农业农村局',
      '126',
      '农村人居环境整治提升',
      18.32065,
    ]);

    expect([twoForms.doc_type, twoForms.status]).toEqual(['self_eval_table', 'ok']);
    expect(twoForms.projects.map((p) => [v(p.fiscal_year), v(p.project_name), v(p.budget_wan), v(p.executed_wan), p.indicators.length])).toEqual([
      [2022, '城乡医疗救助', 120, 108, 3],
      [2022, '农村饮水安全维修', 80, 80, 2],
    ]);
  });
});
