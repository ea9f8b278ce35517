/**
 * OCR and PDF-extraction slips seen in labels: character confusions, as data.
 * Each pair is applied (in order) to a label after normalization, never to values.
 * Keep them specific (two characters or more where the single character is common).
 */
export const OCR_SLIPS: ReadonlyArray<readonly [wrong: string, right: string]> = [
  ['坝目', '项目'],
  ['顶目', '项目'],
  ['项日', '项目'],
  ['頊目', '项目'],
  ['资全', '资金'],
  ['瓷金', '资金'],
  ['预箅', '预算'],
  ['页算', '预算'],
  ['預算', '预算'],
  ['箅', '算'],
  ['指忭', '指标'],
  ['指栎', '指标'],
  ['绩敫', '绩效'],
  ['织效', '绩效'],
  ['白评', '自评'],
  ['目评', '自评'],
  ['得份', '得分'],
  ['主菅', '主管'],
  ['部鬥', '部门'],
  ['执汙', '执行'],
  ['资金来》', '资金来源'],
  ['来》', '来源'],
];

/** Apply the slips to an already-normalized label. */
export function fixOcrSlips(label: string): string {
  let s = label;
  for (const [wrong, right] of OCR_SLIPS) if (s.includes(wrong)) s = s.split(wrong).join(right);
  return s;
}

/**
 * What PP-OCR gives for a comparison sign (≥, ≤) that opens a target, when it does not give the
 * sign: a Latin letter (`N23次`, `W388万元`, `V89%`: the sign boxed on its own in a 指标性质
 * column, or set in a font whose ≥ the model has seen little of) or 之 / 过 (PITFALLS.md,
 * tesseract). No form prints any of these before a target's number, so such a reading stands for a
 * comparison sign whose direction the row's own figures must decide (src/repair/targets.ts).
 * Source: corpus/scan twins c018, c192 (reportlab, DejaVu Sans ≥ read N/W); PITFALLS.md.
 */
export const COMPARISON_SIGN_MISREADS = /^[A-Za-z之过]$/;
