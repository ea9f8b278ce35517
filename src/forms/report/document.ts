/**
 * Facts of the report as a whole: the title and fiscal year, the reporting unit, and the
 * project count and total the opening prose states.
 */
import type { Block, TextLine } from '../../model/layout.js';
import type { Num, Text } from '../../../schemas/record.js';
import { normalizeText } from '../../text/normalize.js';
import { arabicYears } from '../../text/numbers.js';
import { numFrom, textValue } from '../../model/values.js';
import { lineRef } from './grid.js';
import {
  ORG_LEADING_WORDS,
  ORG_SUFFIXES,
  REPORTING_SENTENCE_WORDS,
  REPORTING_VERB_RE,
  SELF_REFERENCE_PREFIX_RE,
  SELF_REFERENCES,
  STATED_COUNT_RE,
  STATED_TOTAL_RE,
  TITLE_RE,
  TITLE_WORDS,
  UNIT_LABELS,
} from './patterns.js';
import { Prose, execAt, groupStart, proseMoney } from './prose.js';

export interface DocumentFacts {
  title: Text | null;
  titleIndex: number;
  fiscalYear: Num | null;
  unit: Text | null;
  statedCount: { value: number; line: TextLine } | null;
  statedTotal: Num | null;
}

function lines(blocks: readonly Block[], from: number, to: number): { line: TextLine; index: number }[] {
  const out: { line: TextLine; index: number }[] = [];
  for (let i = from; i < Math.min(to, blocks.length); i++) {
    const b = blocks[i];
    if (b.kind === 'line') out.push({ line: b.line, index: i });
  }
  return out;
}

/** An organisation name at the start of a text (`洪山区医疗保障局依据…`), or null. */
export function leadingOrg(text: string): string | null {
  const t = normalizeText(text);
  const run = /^[\u4e00-\u9fff]+/.exec(t)?.[0] ?? '';
  // The shortest prefix of the run that ends with an organisation suffix and is followed by a verb of reporting.
  let best: string | null = null;
  for (let end = 3; end <= Math.min(run.length, 30); end++) {
    const cand = run.slice(0, end);
    if (ORG_SUFFIXES.some((s) => cand.endsWith(s))) {
      const next = run.slice(end, end + 2);
      if (end === run.length || ORG_LEADING_WORDS.some((w) => next.startsWith(w)) || REPORTING_VERB_RE.test(run.slice(end))) {
        best = cand;
        break;
      }
    }
  }
  if (!best || SELF_REFERENCES.includes(best) || SELF_REFERENCE_PREFIX_RE.test(best)) return null;
  return best;
}

function sentences(s: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || '。;；!！?？\n'.includes(s[i])) {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
  }
  return out;
}

export function readDocumentFacts(blocks: readonly Block[], end: number): DocumentFacts {
  const facts: DocumentFacts = { title: null, titleIndex: -1, fiscalYear: null, unit: null, statedCount: null, statedTotal: null };
  const ls = lines(blocks, 0, end);

  // Title: the first line that names the report (with its year), within the first lines.
  for (const { line, index } of ls.slice(0, 15)) {
    // a year in Chinese numerals (二〇二二年度) read as digits
    const t = arabicYears(normalizeText(line.text));
    if (t.length > 60) continue;
    const m = TITLE_RE.exec(t);
    if (m || TITLE_WORDS.some((w) => t.endsWith(w))) {
      facts.title = textValue(line.text, lineRef(line), line.text);
      facts.titleIndex = index;
      if (m) facts.fiscalYear = numFrom(m[1], lineRef(line));
      // A unit printed before the year: `洪山区医疗保障局2019年度…`.
      const before = m ? t.slice(0, t.indexOf(m[1])) : '';
      const org = before ? leadingOrg(before) : null;
      if (org) facts.unit = textValue(org, lineRef(line), org);
      break;
    }
  }

  // Reporting unit: a labelled line, else the opening of the sentence on the self-evaluation.
  for (const { line } of ls) {
    if (facts.unit) break;
    const t = normalizeText(line.text);
    for (const label of UNIT_LABELS) {
      const m = new RegExp(`^${label}\\s*[:：]\\s*(\\S.{1,40})$`).exec(t);
      if (m) {
        facts.unit = textValue(m[1], lineRef(line), m[1]);
        break;
      }
    }
  }
  // The opening sentence on the self-evaluation, wrapped over lines as it may be.
  // (Lines up to the title are its block: a unit or a date above it, not prose.)
  const prose = new Prose(ls.filter((l) => l.index > facts.titleIndex).map((l) => l.line));
  const blanked = prose.text.replace(/《[^》]*》/g, (m) => '□'.repeat(m.length));
  for (const [a, b] of sentences(blanked)) {
    const sentence = blanked.slice(a, b);
    if (!REPORTING_SENTENCE_WORDS.some((w) => sentence.includes(w))) continue;
    if (!facts.unit) {
      // The unit opens the sentence or one of its clauses (`根据《…》要求，某某局成立…`).
      let at = 0;
      for (const clause of sentence.split(/[,，;；:：]/)) {
        const org = leadingOrg(clause);
        if (org) {
          const start = a + at + clause.indexOf(org);
          facts.unit = prose.textAt(start, start + org.length);
          break;
        }
        at += clause.length + 1;
      }
    }
    if (!facts.statedCount) {
      const m = execAt(STATED_COUNT_RE, sentence);
      if (m) facts.statedCount = { value: Number(m[1]), line: prose.lineAt(a + m.index)! };
    }
    if (!facts.statedTotal) {
      const m = execAt(STATED_TOTAL_RE, sentence);
      if (m) facts.statedTotal = proseMoney(prose, m[1], m[2], a + groupStart(m, 1));
    }
  }
  return facts;
}
