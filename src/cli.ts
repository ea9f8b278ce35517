#!/usr/bin/env node
/**
 * jixiao command line. Exit status (contract): 0 every document ok, 1 any partial or
 * failed (all others still written), 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, resolve } from 'node:path';
import { runBatch } from './pipeline/run.js';
import { DEFAULT_OPTIONS, type OcrEngineName, type PdfEngineName, type OcrMode, type RunOptions } from './pipeline/options.js';
import { ProgressReporter } from './pipeline/progress.js';
import { QUEUE_HELP } from './queue/help.js';
import { enableCompileCache } from './pipeline/compile-cache.js';

export const HELP = `jixiao — Chinese budget-performance filings (绩效目标申报表, 绩效自评表, 绩效自评报告) into typed data

Usage:
  jixiao extract <file-or-folder>... --out <dir> [options]
  jixiao recheck <out-dir> [--corrections <corrections.csv>] [--no-report] [--no-xlsx] [--quiet]
  jixiao enqueue <file-or-folder>... --redis <url> --out <dir> [options] [--wait]
  jixiao worker --redis <url> [--concurrency <n>] [--max-memory <MB>]
  jixiao collect --redis <url> --out <dir>
  jixiao --help | --version

Inputs are PDF files (born-digital or scanned) and plain-text extractions (.txt) of PDFs;
a folder means every .pdf and .txt under it (hidden entries skipped, symbolic links followed).

Writes into <dir>: documents.csv, projects.csv, indicators.csv, budget_lines.csv,
scores.csv, flags.csv, links.csv (UTF-8 with BOM), json/<doc_id>.json (one typed record per
document, schema in schemas/json/), jixiao.sqlite (one table per CSV file), report.html
and jixiao.xlsx. A rerun into the same folder replaces its files.
Each json file is written as soon as its document is done; the CSV files at the end.

Options:
  --out <dir>          output folder (required)
  --concurrency <n>    documents processed at once, one worker process each (default: the
                       number of cores, at most 8; now ${DEFAULT_OPTIONS.concurrency}); lower it to bound memory.
                       With no document left to start, idle workers read pages of the
                       scans still being read
  --resume             reuse the documents a previous (interrupted) run into <dir> finished
                       (same input sha256, same path, same version and OCR options); the
                       result is byte-identical to an uninterrupted run
  --ocr <mode>         auto | always | never (default auto). auto: pages with no usable text
                       layer (scans, text drawn as outlines, fonts without Unicode maps,
                       mojibake) are read by OCR; always: every PDF page; never: text layers only
  --ocr-engine <name>  ppocr | tesseract (default ${DEFAULT_OPTIONS.ocrEngine}), one engine per worker
  --pdf-engine <name>  pdfium | pdfjs (default ${DEFAULT_OPTIONS.pdfEngine}): what reads PDFs' text layers
                       and scans' page images for OCR, and draws the report's crops; pdfjs is the
                       slower reader used before
  --max-pages <n>      refuse PDFs with more pages (default ${DEFAULT_OPTIONS.maxPages})
  --max-bytes <n>      refuse files larger than n bytes (default ${DEFAULT_OPTIONS.maxBytes})
  --timeout <s>        give up on one document after s seconds, stopping its worker
                       (default ${DEFAULT_OPTIONS.timeoutMs / 1000})
  --max-memory <MB>    memory budget of one document's worker process (default 1536 /
                       concurrency, but at least 1024 when OCR may run and 512 with --ocr never;
                       now ${DEFAULT_OPTIONS.maxMemoryMb}): a document over it fails ("ran out of memory")
  --no-report          do not write report.html
  --no-xlsx            do not write jixiao.xlsx
  --no-db              do not write jixiao.sqlite (the CSV files' rows as SQLite tables)
  --quiet              no progress and no summary (on a terminal a live bar, otherwise a
                       line every few seconds; failures as they happen; a summary at the end)
  -h, --help           this text
  -v, --version        the version

recheck: reads the json records of a finished run (no PDF), applies an auditor's corrections
(corrections.csv: doc_id,project_seq,field,value,note; field = a projects.csv column,
indicator:<name>:<column>, budget_line:<kind>:<name> or prior_year_budget:<year>), runs every
check and link again and rewrites every file of <out-dir>. A correction that names nothing that
exists is refused with its line number (header = line 1) and nothing is written (exit 2).

Ctrl-C stops scheduling, stops the workers and writes the CSV files for the documents done
(exit 130); a second Ctrl-C quits at once. Every file is written to a temporary name and
renamed, so none is ever half-written. Rerun with --resume to finish the batch.

${QUEUE_HELP}
Exit status: 0 every document ok; 1 any document partial or failed; 2 bad usage;
130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
`;

class UsageError extends Error {}

function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number ≥ 1, not '${v}'`);
  return n;
}

function positiveNumber(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} takes a number > 0, not '${v}'`);
  return n;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** stderr is a terminal (live progress bar). */
  isTTY?: boolean;
  columns?: number;
}

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY === true,
  columns: process.stderr.columns,
};

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        concurrency: { type: 'string', short: 'c' },
        ocr: { type: 'string' },
        'max-pages': { type: 'string' },
        'max-bytes': { type: 'string' },
        timeout: { type: 'string' },
        'max-memory': { type: 'string' },
        'ocr-engine': { type: 'string' },
        'pdf-engine': { type: 'string' },
        corrections: { type: 'string' },
        resume: { type: 'boolean' },
        'no-report': { type: 'boolean' },
        'no-xlsx': { type: 'boolean' },
        'no-db': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        redis: { type: 'string' },
        wait: { type: 'boolean' },
        attempts: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (err) {
    io.stderr(`jixiao: ${(err as Error).message}\nTry 'jixiao --help'.\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${version()}\n`);
    return 0;
  }
  try {
    const [command, ...paths] = positionals;
    if (command === 'recheck') return await recheckCommand(paths, values, io);
    // the queue commands (BullMQ) and recheck are loaded only when they run: extract starts its workers sooner
    if (command === 'worker' || command === 'collect') return await (await import('./queue/command.js')).queueCommand(command, paths, values, {}, io);
    if (command !== 'extract' && command !== 'enqueue') throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
    if (paths.length === 0) throw new UsageError('no input file or folder given');
    if (typeof values.out !== 'string' || !values.out) throw new UsageError('--out <dir> is required');
    const ocr = (values.ocr ?? 'auto') as string;
    if (!['auto', 'always', 'never'].includes(ocr)) throw new UsageError(`--ocr takes auto, always or never, not '${ocr}'`);
    const engine = (values['ocr-engine'] ?? DEFAULT_OPTIONS.ocrEngine) as string;
    if (!['ppocr', 'tesseract'].includes(engine)) throw new UsageError(`--ocr-engine takes ppocr or tesseract, not '${engine}'`);
    const pdfEngine = (values['pdf-engine'] ?? DEFAULT_OPTIONS.pdfEngine) as string;
    if (!['pdfjs', 'pdfium'].includes(pdfEngine)) throw new UsageError(`--pdf-engine takes pdfjs or pdfium, not '${pdfEngine}'`);
    const options: Partial<RunOptions> = {
      concurrency: positiveInt('concurrency', values.concurrency as string | undefined, DEFAULT_OPTIONS.concurrency),
      ocr: ocr as OcrMode,
      ocrEngine: engine as OcrEngineName,
      pdfEngine: pdfEngine as PdfEngineName,
      maxPages: positiveInt('max-pages', values['max-pages'] as string | undefined, DEFAULT_OPTIONS.maxPages),
      maxBytes: positiveInt('max-bytes', values['max-bytes'] as string | undefined, DEFAULT_OPTIONS.maxBytes),
      timeoutMs: positiveNumber('timeout', values.timeout as string | undefined, DEFAULT_OPTIONS.timeoutMs / 1000) * 1000,
      maxMemoryMb: values['max-memory'] === undefined ? undefined : positiveInt('max-memory', values['max-memory'] as string, 0),
      resume: values.resume === true,
      report: values['no-report'] !== true,
      xlsx: values['no-xlsx'] !== true,
      db: values['no-db'] !== true,
    };
    if (command === 'enqueue') return await (await import('./queue/command.js')).queueCommand(command, paths, values, options, io);
    const quiet = values.quiet === true;
    const reporter = new ProgressReporter({
      write: io.stderr,
      tty: io.isTTY ?? false,
      columns: io.columns,
      quiet,
      intervalMs: Number(process.env.JIXIAO_PROGRESS_INTERVAL_MS) || undefined,
    });

    // Ctrl-C (or SIGTERM): stop scheduling, stop workers, write what is done; twice: quit now.
    const controller = new AbortController();
    let signalCode = 0;
    const onSignal = (sig: NodeJS.Signals) => {
      const code = sig === 'SIGTERM' ? 143 : 130;
      if (signalCode) process.exit(signalCode);
      signalCode = code;
      if (!quiet) io.stderr(`\njixiao: ${sig}: stopping; writing the files of the documents done (again to quit at once)\n`);
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const result = await runBatch(paths, values.out, options, undefined, { signal: controller.signal, keepRecords: false, reporter });
      if (result.interrupted) return signalCode || 130;
      return result.exitCode;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } catch (err) {
    if (err instanceof UsageError || /^no such file or folder/.test((err as Error).message)) {
      io.stderr(`jixiao: ${(err as Error).message}\nTry 'jixiao --help'.\n`);
      return 2;
    }
    io.stderr(`jixiao: ${(err as Error).stack ?? err}\n`);
    return 1;
  }
}

/** `jixiao recheck <out-dir> [--corrections file]`: 0 done, 2 bad usage or a refused correction. */
async function recheckCommand(paths: string[], values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number> {
  if (paths.length !== 1) throw new UsageError('recheck takes one output folder');
  const { CorrectionError, recheck } = await import('./recheck/index.js');
  try {
    const r = await recheck(paths[0], {
      corrections: typeof values.corrections === 'string' ? values.corrections : undefined,
      report: values['no-report'] !== true,
      xlsx: values['no-xlsx'] !== true,
      db: values['no-db'] !== true,
    });
    if (values.quiet !== true) {
      io.stderr(`jixiao recheck: ${r.documents} document(s), ${r.corrections} correction(s), ${r.flags} flag(s), ${r.links} link(s); ` +
        `recheck ${r.timings.logic.toFixed(0)} ms, files ${r.timings.write.toFixed(0)} ms\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof CorrectionError || /not a jixiao output folder|holds no record|ENOENT/.test((err as Error).message)) {
      io.stderr(`jixiao: ${(err as Error).message.split('\n')[0]}\n`);
      return 2;
    }
    throw err;
  }
}

/**
 * Whether this module is the program's entry point, however it was started: `node
 * dist/src/cli.js`, `npx jixiao`, a global install's bin link, any other symlink, or a path
 * without its `.js` (Node's own lookup). `import.meta.main` decides where Node has it
 * (22.18+, 24.2+); otherwise `argv1` and this file are compared after resolving symlinks
 * (`realpathSync`) — a plain `resolve()` never matches through a link, which made the CLI
 * exit 0 silently.
 */
export function isEntryPoint(argv1: string | undefined = process.argv[1], self: string = fileURLToPath(import.meta.url), metaMain: unknown = (import.meta as { main?: unknown }).main): boolean {
  if (typeof metaMain === 'boolean') return metaMain;
  if (!argv1) return false;
  const real = (p: string): string | null => {
    try {
      return realpathSync(p);
    } catch {
      return null;
    }
  };
  const me = real(self) ?? self;
  for (const candidate of [argv1, `${argv1}.js`, `${argv1}.mjs`]) {
    const r = real(resolve(candidate));
    if (r === me) return true;
  }
  return false;
}

/**
 * True when the program's entry script looks like this CLI (a file or link named `cli`,
 * `cli.js` or `jixiao`) even though isEntryPoint said no: then the CLI was loaded but would
 * not run, and it must fail loudly rather than exit 0 with nothing done.
 */
function looksLikeThisCli(argv1: string | undefined): boolean {
  return !!argv1 && /^(cli(\.[cm]?js)?|jixiao(\.[cm]?js)?)$/.test(basename(argv1));
}

if (isEntryPoint()) {
  // Node ≥ 22.1: compiled code cached on disk for the modules loaded from here on, the
  // document workers' and the report thread's included (see pipeline/compile-cache.ts)
  enableCompileCache();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`jixiao: ${err}\n`);
      process.exitCode = 1;
    },
  );
} else if (looksLikeThisCli(process.argv[1])) {
  process.stderr.write(`jixiao: started as '${process.argv[1]}' but could not recognise it as ${fileURLToPath(import.meta.url)}; nothing was run\n`);
  process.exitCode = 70;
}
