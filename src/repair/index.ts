/**
 * Repair of OCR readings of names (stage between forms and checks; OCR'd values only).
 *
 * Scans slip a character in unit and place names (黄陂区 → 黄坡区, 监测站 → 监侧站, 孝感市 →
 * 考感市) or drop one. A filing usually prints the same name more than once (填报单位 in the
 * header, 实施单位 in the table, the unit in the signature line), and place names come from a
 * published national list (GB/T 2260). A reading is repaired only when one of these confirms
 * the other spelling:
 *  - a division name in it is not in the gazetteer, exactly one division is one character away
 *    (changed or dropped), and that division (or the prefecture or province above it) is printed
 *    in the filing too;
 *  - or the filing prints, at least twice and more often than the reading itself, a name one
 *    character away from it.
 * Every repair keeps the reading it replaced (`src.repaired_from`) and adds a warning naming
 * both; born-digital values are never touched.
 */
import type { Project, Text } from '../../schemas/record.js';
import type { LaidOutDocument } from '../model/layout.js';
import type { ParsedFiling } from '../forms/types.js';
import { DIVISION_SUFFIXES, ORGANISATION_SUFFIXES, REPAIRABLE_NAME_FIELDS } from '../vocabulary/names.js';
import { gazetteer } from './gazetteer.js';

/** Every text of a laid-out document: its lines and its table cells. */
export function documentTexts(doc: LaidOutDocument): string[] {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'line') out.push(b.line.text);
    else for (const c of b.table.cells) if (c.text) out.push(c.text);
  }
  return out.map((t) => t.replace(/\s+/g, ''));
}

function occurrences(texts: readonly string[], s: string): number {
  let n = 0;
  for (const t of texts) {
    let at = t.indexOf(s);
    while (at >= 0) {
      n++;
      at = t.indexOf(s, at + s.length);
    }
  }
  return n;
}

/** A repair of one reading: the repaired value and why. */
export interface NameRepair {
  value: string;
  reason: string;
}

/** Division names in `value` that are one OCR slip away from exactly one confirmed division. */
export function repairDivisions(value: string, texts: readonly string[]): NameRepair | null {
  const g = gazetteer();
  let out = value;
  const reasons: string[] = [];
  for (let i = 1; i < out.length; i++) {
    if (!DIVISION_SUFFIXES.includes(out[i])) continue;
    const windows = g.lengths.filter((L) => L >= 2 && L <= i + 1).map((L) => ({ L, w: out.slice(i - L + 1, i + 1) }));
    if (windows.some(({ w }) => g.byName.has(w))) continue;
    const candidates = new Map<string, string>();
    for (const { L, w } of windows) {
      for (let j = 0; j < L - 1; j++) {
        for (const name of g.bySubstitution.get(w.slice(0, j) + '?' + w.slice(j + 1)) ?? []) candidates.set(name, w);
      }
      for (const name of g.byDeletion.get(w) ?? []) candidates.set(name, w);
    }
    const confirmed = [...candidates].filter(([name]) => {
      if (occurrences(texts, name) > 0) return true;
      return (g.byName.get(name) ?? []).some((d) => d.parents.some((p) => out.includes(p) || occurrences(texts, p) > 0));
    });
    if (confirmed.length !== 1) continue;
    const [name, read] = confirmed[0];
    const start = i - read.length + 1;
    out = out.slice(0, start) + name + out.slice(i + 1);
    reasons.push(`${read} → ${name} (GB/T 2260)`);
    i = start + name.length - 1;
  }
  return out === value ? null : { value: out, reason: reasons.join(', ') };
}

/** Spellings one character away from `value` (one changed, or one that `value` dropped). */
function neighbours(value: string, texts: readonly string[]): Map<string, number> {
  const found = new Map<string, number>();
  const n = value.length;
  for (const t of texts) {
    for (let s = 0; s + n <= t.length; s++) {
      let diff = 0;
      for (let k = 0; k < n && diff < 2; k++) if (t[s + k] !== value[k]) diff++;
      if (diff === 1) found.set(t.slice(s, s + n), (found.get(t.slice(s, s + n)) ?? 0) + 1);
    }
    for (let s = 0; s + n + 1 <= t.length; s++) {
      const w = t.slice(s, s + n + 1);
      if (w.includes(value)) continue;
      for (let k = 0; k <= n; k++) {
        if (w.slice(0, k) + w.slice(k + 1) === value) {
          found.set(w, (found.get(w) ?? 0) + 1);
          break;
        }
      }
    }
  }
  return found;
}

/** The spelling the filing prints more often, when `value` is one slip away from it. */
export function repairByRepetition(value: string, texts: readonly string[]): NameRepair | null {
  if (value.length < 4) return null;
  const own = occurrences(texts, value);
  // a unit's name ends as public bodies' names end (局, 中心, 站 …): a neighbour cut inside
  // that ending is a fragment, not a spelling
  const bodyName = (s: string) => ORGANISATION_SUFFIXES.some((x) => s.endsWith(x));
  const ranked = [...neighbours(value, texts)]
    .filter(([name, n]) => n >= 2 && n > own && (!bodyName(value) || bodyName(name)))
    .sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || (ranked.length > 1 && ranked[1][1] === ranked[0][1])) return null;
  const [name, n] = ranked[0];
  return { value: name, reason: `printed ${n} times in the filing, this reading ${own}` };
}

function repairText(t: Text | null, texts: readonly string[]): { text: Text; reason: string } | null {
  if (!t || t.src.confidence === undefined || t.src.repaired_from !== undefined) return null;
  const repair = repairDivisions(t.value, texts) ?? repairByRepetition(t.value, texts);
  if (!repair) return null;
  return { text: { value: repair.value, src: { ...t.src, repaired_from: t.value } }, reason: repair.reason };
}

/**
 * Repair the OCR readings of each project's unit, department and project name.
 * Returns a new filing; `warnings` gains one line per repair with both readings.
 */
export function repairNames(filing: ParsedFiling, doc: LaidOutDocument): ParsedFiling {
  if (doc.source !== 'ocr' && doc.source !== 'mixed') return filing;
  const texts = documentTexts(doc);
  const warnings: string[] = [];
  const projects = filing.projects.map((p) => {
    let out: Project = p;
    for (const field of REPAIRABLE_NAME_FIELDS) {
      const r = repairText(out[field], texts);
      if (!r) continue;
      out = { ...out, [field]: r.text };
      warnings.push(`project ${p.seq}: OCR reading of ${field} '${r.text.src.repaired_from}' repaired to '${r.text.value}': ${r.reason}`);
    }
    return out;
  });
  return warnings.length ? { ...filing, projects, warnings: [...filing.warnings, ...warnings] } : filing;
}
