/** Comparing unit and project names by their distinctive part. */
import { ADMIN_PREFIX_RE, PROJECT_NAME_NOISE_RE, PROJECT_NAME_SIMILARITY } from './rules-data.js';

function clean(s: string): string {
  return s
    .replace(/^[\dA-Za-z]+\s*[-－—]\s*/, '') // organisation code 219001-
    .replace(/[（(][^）)]*[)）]/g, '') // （本级）
    .replace(/[\s“”"'‘’《》]/g, '');
}

/** 武汉市洪山区医疗保障局 → 医疗保障局; 区医疗保障局 → 医疗保障局; 洪山区司法局 → 司法局. */
export function unitCore(name: string): string {
  let s = clean(name);
  for (let i = 0; i < 4; i++) {
    const m = ADMIN_PREFIX_RE.exec(s);
    if (!m || s.length - m[0].length < 2) break;
    s = s.slice(m[0].length);
  }
  return s;
}

/** Is `short` an abbreviation of `long` (医保局 of 医疗保障局, 卫健委 of 卫生健康委员会): same first character, the rest in order? */
function abbreviates(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0]) return false;
  let k = 0;
  for (const ch of long) if (ch === short[k]) k++;
  return k === short.length;
}

/**
 * The place a unit name is prefixed with (涪城区 of 涪城区市场监督管理局, 武汉市洪山区 of
 * 武汉市洪山区医疗保障局); '' when none, or only a bare level word (区医疗保障局).
 */
export function unitPlace(name: string): string {
  const s = clean(name);
  const place = s.slice(0, s.length - unitCore(name).length);
  return place.length < 2 ? '' : place;
}

/** Two places that can name the same office: either unprinted, or one within the other (武汉市洪山区 / 洪山区). */
function samePlace(a: string, b: string): boolean {
  return !a || !b || a.includes(b) || b.includes(a);
}

/**
 * Is `named` the same organisation as one of `own`: the same distinctive part (abbreviations
 * allowed) in the same place — 华容区市场监督管理局 is not 涪城区市场监督管理局.
 */
export function sameUnit(named: string, own: readonly string[]): boolean {
  const c = unitCore(named);
  if (!c) return true;
  const place = unitPlace(named);
  return own.some((o) => {
    if (!samePlace(place, unitPlace(o))) return false;
    const oc = unitCore(o);
    if (oc === c) return true;
    if (oc.length < 2 || c.length < 2) return false;
    return oc.includes(c) || c.includes(oc) || abbreviates(c, oc) || abbreviates(oc, c);
  });
}

function projectCore(name: string): string {
  return clean(name).replace(PROJECT_NAME_NOISE_RE, '');
}

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient over character bigrams. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.length || !y.length) return a === b ? 1 : 0;
  const pool = [...y];
  let common = 0;
  for (const g of x) {
    const k = pool.indexOf(g);
    if (k >= 0) {
      common++;
      pool.splice(k, 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

/** Does a quoted name refer to the project named `own`? */
export function sameProject(quoted: string, own: string): boolean {
  const q = projectCore(quoted);
  const o = projectCore(own);
  if (!q || !o) return true;
  return q === o || q.includes(o) || o.includes(q) || similarity(q, o) >= PROJECT_NAME_SIMILARITY;
}
