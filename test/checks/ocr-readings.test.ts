import { describe, expect, it } from '@jest/globals';
import { alternativeTexts } from '../../src/checks/ocr-readings.js';
import { runChecks } from '../../src/checks/index.js';
import { emptyProject, type ParsedFiling } from '../../src/forms/types.js';
import type { Num, Text } from '../../schemas/record.js';

const num = (value: number, raw: string, confidence?: number, ulp = 0.01): Num => ({
  value,
  ulp,
  src: { page: 1, box: [0, 0, 10, 10], raw, ...(confidence === undefined ? {} : { confidence }) },
});
const text = (value: string): Text => ({ value, src: { page: 1, raw: value } });

function declaration(totalRaw: string, total: number, confidence?: number): ParsedFiling {
  const p = emptyProject(1);
  p.budget_wan = num(72.35, '72.35');
  p.budget_lines = [
    { kind: 'expense_item', name: text('举报奖励费'), amount_wan: num(15, '15', undefined, 1) },
    { kind: 'expense_item', name: text('审计费'), amount_wan: num(57.35, '57.35') },
  ];
  p.budget_line_totals.expense_item = num(total, totalRaw, confidence);
  return { doc_type: 'declaration', variant: null, title: null, money_unit: '万元', projects: [p], summary_table: null, missing: [], warnings: [] };
}

describe('alternative OCR readings', () => {
  it('lists one-slip alternatives: confusable digits and the decimal point', () => {
    const alts = alternativeTexts('12.35');
    expect(alts).toContain('72.35');
    expect(alts).toContain('1235');
    expect(alts).not.toContain('12.35');
    expect(alternativeTexts('1235')).toContain('12.35');
  });

  it('records the one alternative that makes a low-confidence total agree, keeping what was read', () => {
    const { flags } = runChecks(declaration('12.35', 12.35, 0.55));
    const f = flags.find((x) => x.code === 'BUDGET_SUM' && x.reported === '12.35');
    expect(f).toBeDefined();
    expect(f!.low_confidence).toBe(true);
    expect(f!.alternative_reading).toBe('72.35');
    expect(f!.message).toMatch(/may be a misreading/);
  });

  it('records nothing for a confidently read figure, or when no single reading fits', () => {
    const sure = runChecks(declaration('12.35', 12.35)).flags.find((x) => x.code === 'BUDGET_SUM' && x.reported === '12.35');
    expect(sure?.alternative_reading).toBeNull();
    expect(sure?.low_confidence).toBe(false);
    const far = runChecks(declaration('40.00', 40, 0.5)).flags.find((x) => x.code === 'BUDGET_SUM' && x.reported === '40');
    expect(far?.low_confidence).toBe(true);
    expect(far?.alternative_reading).toBeNull();
  });
});
