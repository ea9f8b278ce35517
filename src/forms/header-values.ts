/**
 * Header values that carry more than their field: a 主管部门 cell holding name and code, a
 * 项目名称 with a project code in front or a title's words behind. Patterns are data in
 * `vocabulary/header-values.ts`; the contract's conventions (CONTRACT.md, "Conventions") decide
 * what each part becomes.
 */
import type { Project, Text } from '../../schemas/record.js';
import { normalizeText } from '../text/normalize.js';
import { HEADER_FIELDS } from '../vocabulary/fields.js';
import {
  LEADING_ORG_CODE,
  LEADING_PROJECT_CODE,
  ONLY_ORG_CODE,
  PROJECT_CODE_MIN_DIGITS,
  TITLE_SUFFIXES,
  TRAILING_ORG_CODE,
} from '../vocabulary/header-values.js';
import { findField, type Row } from '../tables/index.js';
import { textOrNull } from '../model/values.js';

/**
 * A 主管部门 cell split into the department's name and its organisation code:
 * `华容区生态环境分局 242` → { name: 华容区生态环境分局, code: 242 }; `074` → { name: null,
 * code: 074 }; `219001-洪山区医疗保障局` → the name kept as printed (the contract allows a
 * leading code) with code 219001; a name without a code → { name, code: null }.
 */
export function splitDepartment(text: string): { name: string | null; code: string | null } {
  const s = normalizeText(text);
  if (!s) return { name: null, code: null };
  const only = ONLY_ORG_CODE.exec(s);
  if (only) return { name: null, code: only[1] };
  const lead = LEADING_ORG_CODE.exec(s);
  if (lead) return { name: s, code: lead[1] };
  const trail = TRAILING_ORG_CODE.exec(s);
  if (trail && /[\u3400-\u9fff]/u.test(trail[1])) return { name: trail[1].trim(), code: trail[2] };
  return { name: s, code: null };
}

/**
 * 主管部门 of a form, with its code: a local department (地方 / 县级 …) before a central one
 * where a form prints both (the filing unit answers to the local one; the central one is kept in
 * `header.department_central`). Sets `department`, `department_code` and header fields of `p`.
 */
export function readDepartment(rows: readonly Row[], p: Project): void {
  const local = findField(rows, HEADER_FIELDS.department_local, { minScore: 0.8 });
  const general = local ?? findField(rows, HEADER_FIELDS.department);
  const central = findField(rows, HEADER_FIELDS.department_central, { minScore: 0.8 });
  const d = general ?? central;
  if (central && central !== d) {
    const c = textOrNull(splitDepartment(central.text).name, central.ref);
    if (c) p.header.department_central = c;
  }
  if (!d) return;
  const { name, code } = splitDepartment(d.text);
  p.department = name ? textOrNull(name, d.ref) : null;
  if (p.department) p.department.src.raw = d.raw;
  p.department_code = code ? { value: code, src: { ...(textOrNull(code, d.ref) as Text).src, raw: d.raw } } : null;
}

/**
 * A project name as a person reads it: a long project code printed in front of it
 * (`510000241T000001234567-2024年…`) is the project's code, not its name, and goes to
 * `code`; a title's words behind it (`…项目绩效目标自评`) are dropped. The year and every other
 * word of the name stay.
 */
export function cleanProjectName(text: string): { name: string; code: string | null } {
  let s = normalizeText(text);
  let code: string | null = null;
  const m = LEADING_PROJECT_CODE.exec(s);
  if (m && (m[1].match(/\d/g)?.length ?? 0) >= PROJECT_CODE_MIN_DIGITS && s.length > m[0].length + 1) {
    code = m[1];
    s = s.slice(m[0].length);
  }
  for (const suffix of TITLE_SUFFIXES) {
    if (s.endsWith(suffix) && s.length > suffix.length + 1) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  return { name: s.trim(), code };
}

/** Apply `cleanProjectName` to a project's name in place, keeping the code in `header.project_code` when none is printed. */
export function tidyProjectName(p: Project): void {
  const n = p.project_name;
  if (!n) return;
  const { name, code } = cleanProjectName(n.value);
  if (name === n.value) return;
  p.project_name = { value: name, src: n.src };
  if (code && !p.header.project_code) p.header.project_code = { value: code, src: n.src };
}
