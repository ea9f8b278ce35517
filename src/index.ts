/**
 * Library API: the same pipeline as the CLI, for analysts who script.
 *
 *   import { extract } from 'jixiao';
 *   const records = await extract(['filings/'], { concurrency: 2 });
 *
 * `extract` returns the validated records (schemas/record.ts) without writing files;
 * `extractToFolder` also writes the contract's CSV and JSON files.
 */
import type { DocumentRecord } from '../schemas/record.js';
import { collectInputs } from './pipeline/inputs.js';
import { processInputs, runBatch, type BatchControl, type BatchResult, type Progress } from './pipeline/run.js';
import type { RunOptions } from './pipeline/options.js';

export async function extract(
  paths: string | readonly string[],
  options: Partial<RunOptions> = {},
  onProgress?: (p: Progress) => void,
  control: BatchControl = {},
): Promise<DocumentRecord[]> {
  const inputs = await collectInputs(typeof paths === 'string' ? [paths] : paths);
  return processInputs(inputs, options, onProgress, control);
}

export async function extractToFolder(
  paths: string | readonly string[],
  outDir: string,
  options: Partial<RunOptions> = {},
  onProgress?: (p: Progress) => void,
  control: BatchControl = {},
): Promise<BatchResult> {
  return runBatch(typeof paths === 'string' ? [paths] : paths, outDir, options, onProgress, control);
}

export * from '../schemas/record.js';
export type { RunOptions, OcrMode, OcrEngineName } from './pipeline/options.js';
export { DEFAULT_OPTIONS } from './pipeline/options.js';
export type { Progress, BatchResult, BatchControl } from './pipeline/run.js';
export { loadRecords } from './pipeline/run.js';
export type { DocSummary } from './pipeline/outcome.js';
export { ProgressReporter } from './pipeline/progress.js';
export type { InputFile } from './pipeline/inputs.js';
export { processDocument } from './pipeline/process-document.js';
export type { Page, Word, Rule, IngestedDocument, TextSource } from './model/page.js';
export type { Cell, Table, TextLine, Block, LaidOutDocument, SourceRef } from './model/layout.js';
export type { Box } from './model/geometry.js';
