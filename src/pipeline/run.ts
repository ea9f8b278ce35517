/**
 * A batch: documents scheduled with p-queue, results collected in input order, the
 * output folder written once at the end (every file atomically).
 */
import PQueue from 'p-queue';
import type { DocumentRecord } from '../../schemas/record.js';
import { writeOutputs } from '../emit/index.js';
import { collectInputs, type InputFile } from './inputs.js';
import { DEFAULT_OPTIONS, type RunOptions } from './options.js';
import { processDocument } from './process-document.js';

export interface Progress {
  done: number;
  total: number;
  record: DocumentRecord;
}

export interface BatchResult {
  records: DocumentRecord[];
  /** Contract exit status: 0 all ok, 1 any partial or failed. */
  exitCode: 0 | 1;
}

export async function processInputs(
  inputs: readonly InputFile[],
  options: Partial<RunOptions> = {},
  onProgress?: (p: Progress) => void,
): Promise<DocumentRecord[]> {
  const opts: RunOptions = { ...DEFAULT_OPTIONS, ...options };
  const queue = new PQueue({ concurrency: Math.max(1, opts.concurrency) });
  const records: DocumentRecord[] = new Array(inputs.length);
  let done = 0;
  await Promise.all(
    inputs.map((input, i) =>
      queue.add(async () => {
        const record = await processDocument(input, opts);
        records[i] = record;
        done++;
        onProgress?.({ done, total: inputs.length, record });
      }),
    ),
  );
  return records;
}

export function exitCodeOf(records: readonly DocumentRecord[]): 0 | 1 {
  return records.every((r) => r.status === 'ok') ? 0 : 1;
}

/** Read every input under `paths`, write the output folder, return the records. */
export async function runBatch(
  paths: readonly string[],
  outDir: string,
  options: Partial<RunOptions> = {},
  onProgress?: (p: Progress) => void,
): Promise<BatchResult> {
  const inputs = await collectInputs(paths);
  const records = await processInputs(inputs, options, onProgress);
  await writeOutputs(outDir, records);
  return { records, exitCode: exitCodeOf(records) };
}
