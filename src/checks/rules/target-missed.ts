/**
 * TARGET_MISSED (warning): a quantitative target not met with no reason given, or a score
 * given for an indicator that has no actual value (when the project's other indicators have one).
 */
import type { Flag } from '../../../schemas/record.js';
import { fmt, makeFlag } from '../flag.js';
import { EMPTY_NOTES } from '../rules-data.js';
import type { RuleContext } from '../types.js';

export function targetMissed(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    // A form with no 实际完成值 column at all (a declaration, a report's target table) has no actual to miss.
    const hasActuals = p.indicators.some((i) => i.actual && !EMPTY_NOTES.includes(i.actual.value.trim()));
    for (const ind of p.indicators) {
      const noNote = !ind.note || EMPTY_NOTES.includes(ind.note.value.trim());
      if (ind.met === false && noNote) {
        flags.push(
          makeFlag({
            code: 'TARGET_MISSED',
            severity: 'warning',
            project_seq: p.seq,
            field: `actual:${ind.name.value}`,
            reported: ind.actual,
            expected: ind.target,
            message: `指标“${ind.name.value}”完成值 ${ind.actual?.value ?? ''} 未达到目标值 ${ind.target?.value ?? ''}，且未说明原因。`,
            involved: [ind.name],
          }),
        );
      }
      const noActual = !ind.actual || EMPTY_NOTES.includes(ind.actual.value.trim());
      if (hasActuals && noActual && ind.score_reported) {
        flags.push(
          makeFlag({
            code: 'TARGET_MISSED',
            severity: 'warning',
            project_seq: p.seq,
            field: `score_reported:${ind.name.value}`,
            reported: ind.score_reported,
            expected: null,
            message: `指标“${ind.name.value}”未填写实际完成值，却给出得分 ${fmt(ind.score_reported.value)}。`,
            involved: [ind.name, ind.target],
          }),
        );
      }
    }
  }
  return flags;
}
