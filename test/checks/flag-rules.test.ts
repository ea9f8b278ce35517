import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { FLAG_CODES } from '../../schemas/record.js';
import { FLAG_RULES, flagRulesMarkdown } from '../../src/checks/rules-data.js';

describe('the table of flag rules', () => {
  it('has one row per flag code of the checks stage', () => {
    for (const code of FLAG_CODES) expect(FLAG_RULES.filter((r) => r.code === code)).toHaveLength(1);
    for (const r of FLAG_RULES) for (const v of Object.values(r)) expect(v.trim()).not.toBe('');
  });
  it('docs/flags.md is the table as generated (npm run docs:flags)', () => {
    expect(readFileSync('docs/flags.md', 'utf8')).toBe(flagRulesMarkdown());
  });
});
