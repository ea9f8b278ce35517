/**
 * Which files a run reads, and the doc_id each gets. Deterministic: the same arguments
 * give the same list in the same order with the same ids.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

export const INPUT_EXTENSIONS = ['.pdf', '.txt'] as const;

export interface InputFile {
  /** Path as given (or as found under a folder that was given). */
  path: string;
  docId: string;
}

function isInput(name: string): boolean {
  return (INPUT_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/**
 * The inputs under `dir`, in name order. Symbolic links are followed (archives are often
 * folders of links to files kept elsewhere): a link to a file counts as that file, a link to a
 * folder is walked unless that folder (by its real path) is being walked already (a link back up
 * the tree), and a broken link is skipped.
 */
async function walk(dir: string, out: string[], walking: Set<string> = new Set()): Promise<void> {
  // real paths of the folders being walked: this one and the ones above it
  const real = await realpath(dir);
  if (walking.has(real)) return;
  walking.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    const target = e.isSymbolicLink() ? await stat(p).catch(() => null) : e;
    if (!target) continue;
    if (target.isDirectory()) await walk(p, out, walking);
    else if (target.isFile() && isInput(e.name)) out.push(p);
  }
  walking.delete(real);
}

/**
 * Expand files and folders into input files. A folder means every .pdf and .txt under it
 * (hidden entries skipped, symbolic links followed: see `walk`); a file named explicitly is
 * taken whatever its extension, so that a wrong input is reported in documents.csv rather
 * than silently ignored.
 * Throws when a path does not exist (bad usage).
 */
export async function collectInputs(paths: readonly string[]): Promise<InputFile[]> {
  const files: string[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) throw new Error(`no such file or folder: ${p}`);
    if (s.isDirectory()) await walk(p, files);
    else files.push(p);
  }
  const unique = [...new Set(files)];
  return assignDocIds(unique);
}

/**
 * doc_id = file name without extension. When two inputs share it, each of them gets the
 * extension appended (`report-pdf`, `report-txt`); a name still shared gets `-2`, `-3` …
 * in the order the files were listed.
 */
export function assignDocIds(paths: readonly string[]): InputFile[] {
  const stem = (p: string) => basename(p, extname(p));
  const count = new Map<string, number>();
  for (const p of paths) count.set(stem(p), (count.get(stem(p)) ?? 0) + 1);
  const used = new Set<string>();
  return paths.map((path) => {
    let id = stem(path) || 'document';
    if ((count.get(stem(path)) ?? 0) > 1) id = `${id}-${extname(path).slice(1).toLowerCase() || 'noext'}`;
    let candidate = id;
    for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
    used.add(candidate);
    return { path, docId: candidate };
  });
}
