/**
 * Resume journal: `<out>/.jixiao-resume`, one line per finished document saying "json/<doc_id>.json
 * with this content hash was made by this tool version and these options from this input".
 *
 *   jixiao-resume 1
 *   <fingerprint>\t<doc_id>\t<sha256 of the input>\t<sha256 of the json file>\t<source_file>
 *
 * A line is appended right after its json file was renamed into place, so an interrupted run
 * (Ctrl-C, kill -9) leaves a journal that vouches only for whole files; a torn last line is
 * ignored. A json file is reused by --resume only when a line of the current fingerprint
 * names it with the same input hash, source file and json content hash (so a json file
 * later overwritten by a run with other options is never mistaken for a reusable one).
 * At the end of a complete run the journal is rewritten sorted (deterministic bytes).
 * Failed documents are not journaled: --resume runs them again.
 */
import { createHash } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { RunOptions } from './options.js';

export const JOURNAL_FILE = '.jixiao-resume';
const HEADER = 'jixiao-resume 1\n';

export interface JournalEntry {
  fingerprint: string;
  docId: string;
  sha256: string;
  jsonSha256: string;
  sourceFile: string;
}

let cachedVersion: string | undefined;
export function toolVersion(): string {
  if (cachedVersion) return cachedVersion;
  // dist/src/pipeline/journal.js and src/pipeline/journal.ts are both three levels below the root.
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    cachedVersion = pkg.version;
  } catch {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      cachedVersion = pkg.version;
    } catch {
      cachedVersion = 'unknown';
    }
  }
  return cachedVersion;
}

/** What makes two runs' records of the same input interchangeable. */
export function fingerprint(options: RunOptions): string {
  const parts = [`jixiao ${toolVersion()}`, 'schema 1', `ocr ${options.ocr}`, `engine ${options.ocrEngine}`];
  // pdf.js adds nothing: folders written before the option existed (pdf.js then read every PDF)
  // resume with --pdf-engine pdfjs; a run with PDFium, the default now, processes them again
  if (options.pdfEngine && options.pdfEngine !== 'pdfjs') parts.push(`pdf ${options.pdfEngine}`);
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

export function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function lineOf(e: JournalEntry): string {
  const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ');
  return `${e.fingerprint}\t${clean(e.docId)}\t${e.sha256}\t${e.jsonSha256}\t${clean(e.sourceFile)}\n`;
}

export async function readJournal(outDir: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(join(outDir, JOURNAL_FILE), 'utf8');
  } catch {
    return [];
  }
  if (!text.startsWith(HEADER)) return [];
  const lines = text.slice(HEADER.length).split('\n');
  lines.pop(); // the piece after the last newline: empty, or a torn line
  const out: JournalEntry[] = [];
  for (const l of lines) {
    const [fp, docId, sha256, jsonSha256, sourceFile] = l.split('\t');
    if (!fp || !docId || !/^[0-9a-f]{64}$/.test(sha256 ?? '') || !/^[0-9a-f]{64}$/.test(jsonSha256 ?? '') || sourceFile === undefined) continue;
    out.push({ fingerprint: fp, docId, sha256, jsonSha256, sourceFile });
  }
  return out;
}

export async function appendJournal(outDir: string, e: JournalEntry): Promise<void> {
  await appendFile(join(outDir, JOURNAL_FILE), lineOf(e), 'utf8');
}

/** The journal text of a complete run: header, then lines sorted by doc_id. */
export function journalText(entries: readonly JournalEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
  return HEADER + sorted.map(lineOf).join('');
}

export { HEADER as JOURNAL_HEADER };
