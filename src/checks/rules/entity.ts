/**
 * ENTITY: another unit's or project's name where this filing's own belongs (copy-paste
 * remnants): units named as the project's holder in the prose that are neither the filing
 * unit nor its department, and project names quoted as this project's that are not its name.
 */
import type { Flag, Project, Text } from '../../../schemas/record.js';
import { holderNames, textBlocks } from '../prose.js';
import { makeFlag } from '../flag.js';
import { sameProject, sameUnit } from '../names.js';
import type { RuleContext } from '../types.js';

export function entity(ctx: RuleContext): Flag[] {
  const flags: Flag[] = [];
  for (const p of ctx.projects) {
    flags.push(...textEntities(p));
    const n = p.narrative;
    if (!n) continue;
    const own = [p.unit, p.department].filter((t): t is Text => t != null);
    if (own.length) {
      const seen = new Set<string>();
      for (const u of n.named_units) {
        if (seen.has(u.value) || sameUnit(u.value, own.map((o) => o.value))) continue;
        seen.add(u.value);
        flags.push(
          makeFlag({
            code: 'ENTITY',
            severity: 'warning',
            project_seq: p.seq,
            field: 'unit',
            reported: u,
            expected: own[0],
            message: `报告正文提到的单位“${u.value}”不是本项目单位“${own[0].value}”，疑为套用其他单位材料，请核实。`,
            involved: own,
          }),
        );
      }
    }
    if (p.project_name) {
      const name = p.project_name;
      const seen = new Set<string>();
      for (const q of n.quoted_project_names) {
        if (seen.has(q.value) || sameProject(q.value, name.value)) continue;
        seen.add(q.value);
        flags.push(
          makeFlag({
            code: 'ENTITY',
            severity: 'warning',
            project_seq: p.seq,
            field: 'project_name',
            reported: q,
            expected: name,
            message: `报告正文称本项目为“${q.value}”，与项目名称“${name.value}”不符，疑为套用其他项目材料，请核实。`,
            involved: [],
          }),
        );
      }
    }
  }
  return flags;
}

/**
 * Units named as the project's holder in any text block of the project (项目申请理由, 实际完成情况,
 * a report's prose …) that are neither the filing unit nor its department. Names the narrative
 * already lists are left to the loop above.
 */
function textEntities(p: Project): Flag[] {
  const own = [p.unit, p.department, p.header.executing_unit].filter((t): t is Text => t != null);
  if (!own.length) return [];
  const known = new Set((p.narrative?.named_units ?? []).map((u) => u.value));
  const seen = new Set<string>();
  const flags: Flag[] = [];
  for (const block of textBlocks(p)) {
    for (const name of holderNames(block.text)) {
      if (known.has(name) || seen.has(name) || sameUnit(name, own.map((o) => o.value))) continue;
      if ([...known].some((k) => k.endsWith(name) || name.endsWith(k))) continue;
      seen.add(name);
      flags.push(
        makeFlag({
          code: 'ENTITY',
          severity: 'warning',
          project_seq: p.seq,
          field: 'unit',
          reported: { value: name, src: block.text.src },
          expected: own[0],
          message: `“${block.label}”提到的单位“${name}”不是本项目单位“${own[0].value}”，疑为套用其他单位材料，请核实。`,
          involved: own,
        }),
      );
    }
  }
  return flags;
}
