/**
 * Repair of OCR'd weights and scores read as negative (stage between forms and checks, with
 * src/repair/index.ts's names and targets.ts's comparison signs; OCR'd values only).
 *
 * No form prints a negative weight (分值, 权重) or score (得分): FORMS.md scores every item
 * from 0 up to its weight. A minus sign in front of one is a speck or the stub of a ruling
 * line read as `-` (seen on scans noisier than the corpus's: `make-corpus --scan --noise 8-14
 * --specks 50`, a weight `10` read as `-10`, which then raised two false SCORE_OVER_WEIGHT
 * errors). The sign is dropped; the reading it replaced is kept (`src.repaired_from`) and a
 * warning names both. Figures of a text layer are never touched.
 */
import type { Num, Project } from '../../schemas/record.js';
import type { ParsedFiling } from '../forms/types.js';

type Figure = Num | null;

/** The figure without the misread sign, or null when there is nothing to repair. */
export function unsignedReading(n: Figure): Num | null {
  if (!n || n.value >= 0 || n.src.confidence === undefined || n.src.repaired_from !== undefined) return null;
  if (!/^\s*[-\u2010-\u2015\u2212\uff0d]/.test(n.src.raw)) return null;
  return { ...n, value: -n.value, src: { ...n.src, repaired_from: n.src.raw } };
}

/**
 * Every OCR'd weight and score of each project read as negative, repaired (indicators, score
 * items, section totals, fund rows, the total score), before the comparison signs are decided
 * from them (targets.ts). Returns a new filing; `warnings` gains one line per reading repaired.
 */
export function repairNegativeScores(filing: ParsedFiling): ParsedFiling {
  // a score item and its indicator share the reading: one warning for both
  const warnings = new Set<string>();
  const projects = filing.projects.map((p): Project => {
    let changed = false;
    const fix = <T extends Figure>(n: T, what: string): T => {
      const r = unsignedReading(n);
      if (!r) return n;
      changed = true;
      warnings.add(`project ${p.seq}: OCR reading of ${what} '${r.src.repaired_from}' repaired to ${r.value}: no form prints a negative weight or score (a speck read as a minus sign)`);
      return r as T;
    };
    const indicators = p.indicators.map((ind) => ({ ...ind, weight: fix(ind.weight, `the weight of ${ind.name.value}`), score_reported: fix(ind.score_reported, `the score of ${ind.name.value}`) }));
    const scores = p.scores.map((s) => ({ ...s, weight: fix(s.weight, `the weight of ${s.item.value}`), score_reported: fix(s.score_reported, `the score of ${s.item.value}`) }));
    const section_totals = p.section_totals.map((s) => ({ ...s, weight: fix(s.weight, `the weight of ${s.section}`), score_reported: fix(s.score_reported, `the score of ${s.section}`) }));
    const fund_rows = p.fund_rows.map((f) => ({ ...f, weight: fix(f.weight, `the weight of ${f.name.value}`), score: fix(f.score, `the score of ${f.name.value}`) }));
    const score_reported = fix(p.score_reported, 'the total score');
    return changed ? { ...p, indicators, scores, section_totals, fund_rows, score_reported } : p;
  });
  return warnings.size ? { ...filing, projects, warnings: [...filing.warnings, ...warnings] } : filing;
}
