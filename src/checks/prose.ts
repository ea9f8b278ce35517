/**
 * Reading text blocks: the figures a sentence states for a field (PROSE_CUES) and the
 * organisations it names as the project's holder. Pure functions over the record's Text values.
 */
import type { Num, Project, Text } from '../../schemas/record.js';
import { parseNumber, toWan } from '../text/numbers.js';
import { ISSUER_AFTER, ISSUER_BEFORE, NAME_BREAK_RE, ORG_NAME_SUFFIXES, PROSE_CUES, PROSE_CUE_LINKS, type ProseCue } from './rules-data.js';

/** Every text block of a project: the parsers' `texts`, the goal and what was achieved. */
export function textBlocks(p: Project): { label: string; text: Text }[] {
  const out = [...(p.texts ?? [])];
  if (p.goal) out.push({ label: '绩效目标', text: p.goal });
  if (p.goal_achieved) out.push({ label: '实际完成情况', text: p.goal_achieved });
  return out;
}

export interface ProseFigure {
  field: ProseCue['field'];
  value: Num;
  /** The year printed before the cue, if any. */
  year: number | null;
  /** Bound by a strong qualifier (the form's year, 全年, 当年 …). */
  strong: boolean;
  /** The phrase it was read from (`2021年预算为65.20万元`). */
  phrase: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (xs: readonly string[]) => xs.filter(Boolean).map(esc).sort((a, b) => b.length - a.length).join('|');

const cueRegExps = new Map<ProseCue, RegExp>();
/** A cue's pattern (global: the caller resets lastIndex), made once per cue. */
function cueRegExp(cue: ProseCue): RegExp {
  let re = cueRegExps.get(cue);
  if (!re) {
    const unit = cue.unit === 'money' ? '(万元|元)' : cue.unit === 'score' ? '(分)?' : '(%)';
    re = new RegExp(`(?:((?:19|20)\\d{2})年度?)?(${alt(cue.qualifiers)})?(${alt(cue.words)})(?:${alt(PROSE_CUE_LINKS)}){0,2}(\\d+(?:\\.\\d+)?)${unit}`, 'g');
    cueRegExps.set(cue, re);
  }
  return re;
}

/** The figures a text states for fields, in order. Money in 元 is converted to 万元; a money figure without unit is skipped. */
export function proseFigures(text: Text): ProseFigure[] {
  const s = text.value.replace(/\s+/g, '');
  const out: ProseFigure[] = [];
  for (const cue of PROSE_CUES) {
    // the cue's words are the pattern's one required part: a text without any of them has no match
    if (cue.words.every(Boolean) && !cue.words.some((w) => s.includes(w))) continue;
    const re = cueRegExp(cue);
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const [phrase, yearText, qualifier, , digits, u] = m;
      const year = yearText ? Number(yearText) : null;
      const needsQualifier = !cue.qualifiers.includes('');
      if (needsQualifier && !year && !qualifier) continue;
      // 其中 … : a part, not the whole.
      const before = s.slice(Math.max(0, m.index - 4), m.index);
      if (/其中|包括|用于/.test(before)) continue;
      const n = parseNumber(digits);
      if (!n) continue;
      const v = cue.unit === 'money' ? toWan(n, u === '元' ? '元' : '万元') : n;
      const strong = (year != null && cue.strong.includes('year')) || cue.strong.includes(qualifier ?? '');
      out.push({ field: cue.field, value: { value: v.value, ulp: v.ulp, src: { ...text.src, raw: phrase } }, year, strong, phrase });
    }
  }
  return out;
}

/** Organisations a text names as the holder of the project (`洪山区司法局“2019年…项目”`, `XX局按计划完成`): every one not named as another party (ISSUER_BEFORE / ISSUER_AFTER). */
export function holderNames(text: Text): string[] {
  const s = text.value.replace(/\s+/g, '');
  const suffix = alt(ORG_NAME_SUFFIXES);
  const re = new RegExp(`[\\u4e00-\\u9fff]{1,8}?(?:省|市|区|县|州|旗)[\\u4e00-\\u9fff]{1,12}?(?:${suffix})`, 'g');
  const PLACE_THEN_ORG_RE = new RegExp(`^[\\u4e00-\\u9fff]{1,8}?(?:省|市|区|县|州|旗)[\\u4e00-\\u9fff]{1,12}?(?:${suffix})$`);
  const out: string[] = [];
  for (let m = re.exec(s); m; m = re.exec(s)) {
    // A name holds no function word: keep what follows the last one (…全会及省纪委 → 省纪委).
    let name = m[0].split(NAME_BREAK_RE).pop() ?? '';
    if (!PLACE_THEN_ORG_RE.test(name)) continue;
    // The match may have swallowed a leading word (根据洪山区…): start at the place name.
    const lead = /^(?:[^省市区县州旗]*?(?:年度|年|月|日))?(?:根据|依据|按照|由|经|对|向|为|是|在|将|从|和|及|与|结合|通过|关于)?/.exec(name);
    if (lead && lead[0] && name.length - lead[0].length >= 4) name = name.slice(lead[0].length);
    if (!PLACE_THEN_ORG_RE.test(name)) continue;
    const at = m.index + (m[0].length - name.length);
    const before = s.slice(Math.max(0, at - 4), at);
    const after = s.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if (ISSUER_BEFORE.some((w) => before.endsWith(w) || (w.length > 1 && before.includes(w)))) continue;
    if (ISSUER_AFTER.some((w) => after.startsWith(w))) continue;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}
