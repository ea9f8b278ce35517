#!/usr/bin/env node
/**
 * jixiao command line. Exit status (contract): 0 every document ok, 1 any partial or
 * failed (all others still written), 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { runBatch } from './pipeline/run.js';
import { DEFAULT_OPTIONS, type OcrMode, type RunOptions } from './pipeline/options.js';

export const HELP = `jixiao — Chinese budget-performance filings (绩效目标申报表, 绩效自评表, 绩效自评报告) into typed data

Usage:
  jixiao extract <file-or-folder>... --out <dir> [options]
  jixiao --help | --version

Inputs are PDF files (with a text layer) and plain-text extractions (.txt) of such PDFs;
a folder means every .pdf and .txt under it.

Writes into <dir>: documents.csv, projects.csv, indicators.csv, budget_lines.csv,
scores.csv, flags.csv (UTF-8 with BOM) and json/<doc_id>.json (one typed record per
document, schema in schemas/json/). A rerun into the same folder replaces its files.

Options:
  --out <dir>          output folder (required)
  --concurrency <n>    documents processed at once (default ${DEFAULT_OPTIONS.concurrency})
  --ocr <mode>         auto | always | never (default auto). This version reads text layers
                       only: a page without one fails its document; 'always' is refused.
  --max-pages <n>      refuse PDFs with more pages (default ${DEFAULT_OPTIONS.maxPages})
  --max-bytes <n>      refuse files larger than n bytes (default ${DEFAULT_OPTIONS.maxBytes})
  --timeout <s>        give up on one document after s seconds (default ${DEFAULT_OPTIONS.timeoutMs / 1000})
  --quiet              no progress lines
  -h, --help           this text
  -v, --version        the version

Exit status: 0 every document ok; 1 any document partial or failed; 2 bad usage.
`;

class UsageError extends Error {}

function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number ≥ 1, not '${v}'`);
  return n;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
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
        quiet: { type: 'boolean', short: 'q' },
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
    if (command !== 'extract') throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
    if (paths.length === 0) throw new UsageError('no input file or folder given');
    if (typeof values.out !== 'string' || !values.out) throw new UsageError('--out <dir> is required');
    const ocr = (values.ocr ?? 'auto') as string;
    if (!['auto', 'always', 'never'].includes(ocr)) throw new UsageError(`--ocr takes auto, always or never, not '${ocr}'`);
    if (ocr === 'always') throw new UsageError('--ocr always: OCR is not available in this version');
    const options: RunOptions = {
      concurrency: positiveInt('concurrency', values.concurrency as string | undefined, DEFAULT_OPTIONS.concurrency),
      ocr: ocr as OcrMode,
      maxPages: positiveInt('max-pages', values['max-pages'] as string | undefined, DEFAULT_OPTIONS.maxPages),
      maxBytes: positiveInt('max-bytes', values['max-bytes'] as string | undefined, DEFAULT_OPTIONS.maxBytes),
      timeoutMs: positiveInt('timeout', values.timeout as string | undefined, DEFAULT_OPTIONS.timeoutMs / 1000) * 1000,
    };
    const started = Date.now();
    const quiet = values.quiet === true;
    const { records, exitCode } = await runBatch(paths, values.out, options, ({ done, total, record }) => {
      if (quiet) return;
      const what = record.status === 'failed' ? record.error : `${record.doc_type}, ${record.projects.length} project(s), ${record.flags.length} flag(s)`;
      io.stderr(`[${done}/${total}] ${record.doc_id}: ${record.status} (${what})\n`);
    });
    if (!quiet) {
      const count = (s: string) => records.filter((r) => r.status === s).length;
      const flags = records.reduce((n, r) => n + r.flags.length, 0);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      io.stderr(
        `${records.length} document(s): ${count('ok')} ok, ${count('partial')} partial, ${count('failed')} failed; ${flags} flag(s); ${secs} s → ${values.out}\n`,
      );
    }
    return exitCode;
  } catch (err) {
    if (err instanceof UsageError || /^no such file or folder/.test((err as Error).message)) {
      io.stderr(`jixiao: ${(err as Error).message}\nTry 'jixiao --help'.\n`);
      return 2;
    }
    io.stderr(`jixiao: ${(err as Error).stack ?? err}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`jixiao: ${err}\n`);
      process.exitCode = 1;
    },
  );
}
