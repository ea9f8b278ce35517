/**
 * Comparing names across the parts of a report (summary table, section heading,
 * attachment, prose): a key with numbering, quotes, punctuation and a leading year
 * removed, then equality or containment.
 */
import { normalizeText } from '../../text/normalize.js';
import { MARKER_RE, NAME_TAIL_RE, YEAR_PREFIX_RE } from './patterns.js';
import { normalizeLabel } from '../../vocabulary/match.js';

export function nameKey(text: string): string {
  return normalizeLabel(normalizeText(text).replace(MARKER_RE, ''))
    .replace(YEAR_PREFIX_RE, '')
    .replace(/[“”"'‘’《》「」【】()（）\[\]<>,，.。、;；:：!！?？·\-—_~]/g, '');
}

/** Without a trailing 项目 / 经费项目 wording that one part adds and another leaves out. */
function stem(key: string): string {
  return key.replace(NAME_TAIL_RE, '');
}

/**
 * How well two names agree: 3 equal, 2 equal without a trailing 项目, 1 one contains the
 * other (the shorter of at least `minContained` characters), 0 not at all.
 */
export function nameMatch(a: string, b: string, minContained = 4): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (!ka || !kb) return 0;
  if (ka === kb) return 3;
  const sa = stem(ka);
  const sb = stem(kb);
  if (sa && sa === sb) return 2;
  const [short, long] = sa.length <= sb.length ? [sa, sb] : [sb, sa];
  if (short.length >= minContained && long.includes(short)) return 1;
  return 0;
}

/** Index of the best-matching candidate (ties: the first), or -1. */
export function bestMatch(name: string, candidates: readonly (string | null)[], skip: ReadonlySet<number> = new Set()): number {
  let best = -1;
  let bestScore = 0;
  candidates.forEach((c, i) => {
    if (c == null || skip.has(i)) return;
    const s = nameMatch(name, c);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}
