/**
 * Facts every form parser reads the same way: the title row, the year it names, the money
 * unit (资金单位) and a year as a provenance-carrying Num.
 */
import type { Num } from '../../schemas/record.js';
import type { SourceRef } from '../model/layout.js';
import { provenance } from '../model/values.js';
import { normalizeText } from '../text/normalize.js';
import { arabicYears, type MoneyUnit } from '../text/numbers.js';
import { HEADER_FIELDS } from '../vocabulary/fields.js';
import { findField, isPageNoise, ownCells, type Row } from '../tables/index.js';

/** The title: the first row that names a form, else the first text. */
export function findTitle(rows: readonly Row[], words: readonly string[]): Row | null {
  const limit = Math.min(rows.length, 15);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < (pass === 0 ? limit : rows.length); i++) {
      const own = ownCells(rows[i]);
      // a title stands alone: a line, or a one-cell row
      if (pass === 1 && own.length !== 1) continue;
      const t = own.map((c) => c.text).join('');
      if (t.length <= 40 && words.some((w) => t.includes(w))) return rows[i];
    }
  }
  for (let i = 0; i < limit; i++) if (!isPageNoise(rows[i])) return rows[i];
  return null;
}

/** A year printed in a title or `(2020 年度)` line, in Arabic or Chinese digits (`二〇二二年度`). */
export function yearIn(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(arabicYears(normalizeText(text).replace(/\s+/g, '')));
  return m ? Number(m[1]) : null;
}

/** A line that is only a year (`（2022年度）`, `二〇二二年度`): the year, else null. */
export function yearLine(text: string): number | null {
  const m = /^[(（]?\s*((?:19|20)\d{2})\s*年度?\s*[)）]?$/.exec(arabicYears(normalizeText(text).replace(/\s+/g, '')));
  return m ? Number(m[1]) : null;
}

/**
 * Text near the title that seems to name a year the parser could not read (a 年度 after
 * something that is not a year in digits): for a warning, so a dropped year is never silent.
 */
export function unreadYearText(rows: readonly Row[], limit = 12): string | null {
  for (const row of rows.slice(0, limit)) {
    for (const c of ownCells(row)) {
      const t = c.text.replace(/\s+/g, '');
      if (/^[(（]?[^:：]{1,12}年度[)）]?$/.test(t) && yearIn(t) === null) return c.text;
      if (/年度/.test(t) && t.length <= 40 && /(表|报告)$/.test(t) && yearIn(t) === null && /[〇零○两一二三四五六七八九十]{2,}年度/.test(t)) return c.text;
    }
  }
  return null;
}

/** 资金单位 as printed: a field, a `单位：万元` line, or a `（万元）` in a money label. */
export function findMoneyUnit(rows: readonly Row[]): { unit: MoneyUnit | null; warning?: string } {
  const f = findField(rows, HEADER_FIELDS.money_unit, { accept: (t) => /^(万元|元)/.test(t.replace(/\s+/g, '')) });
  if (f) return { unit: f.text.replace(/\s+/g, '').startsWith('万元') ? '万元' : '元' };
  for (const row of rows) {
    for (const c of ownCells(row)) {
      const m = /单位\s*[:：]\s*(万元|元)/.exec(c.text);
      if (m) return { unit: m[1] as MoneyUnit };
    }
  }
  return { unit: null };
}

/** A year as a Num whose provenance is the text it was read from. */
export function yearNum(year: number, ref: SourceRef, raw: string): Num {
  return { value: year, ulp: 1, src: provenance(ref, raw) };
}
