/**
 * The expected record of a scanned/outlined twin: the born-digital twin's key figures only
 * (budget, executed, rates, scores, grades, indicator targets and actuals, score items, flags)
 * and `text_source: ocr`. Left out: names and units (unit, department, project_name,
 * fiscal_year), budget_lines and prior_year_budgets, indicator level1/level2 (a merged label
 * cell's text is where OCR slips most and they are not figures).
 */
type Obj = Record<string, unknown>;

const PROJECT_KEYS = [
  'project_seq',
  'budget_wan',
  'executed_wan',
  'execution_rate_reported',
  'execution_rate_recomputed',
  'score_reported',
  'score_recomputed',
  'grade_reported',
  'grade_expected',
];
const INDICATOR_KEYS = ['name', 'target', 'actual', 'weight', 'score_reported'];

export function keyFigures(twin: Obj, docId: string): Obj {
  const projects = (twin.projects as Obj[]).map((p) => {
    const out: Obj = {};
    for (const k of PROJECT_KEYS) if (k in p) out[k] = p[k];
    if (Array.isArray(p.indicators)) {
      out.indicators = (p.indicators as Obj[]).map((i) => {
        const o: Obj = {};
        for (const k of INDICATOR_KEYS) if (k in i) o[k] = i[k];
        return o;
      });
    }
    if (Array.isArray(p.scores)) out.scores = p.scores;
    return out;
  });
  return { doc_id: docId, doc_type: twin.doc_type, text_source: 'ocr', projects, flags: twin.flags };
}
