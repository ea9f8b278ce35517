/** Limits and switches of a run, with the defaults the CLI documents. */
export type OcrMode = 'auto' | 'always' | 'never';

export interface RunOptions {
  /** Documents processed at once. */
  concurrency: number;
  ocr: OcrMode;
  /** Refuse PDFs with more pages than this. */
  maxPages: number;
  /** Refuse input files larger than this many bytes. */
  maxBytes: number;
  /** Give up on one document after this many milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_OPTIONS: RunOptions = {
  concurrency: 2,
  ocr: 'auto',
  maxPages: 300,
  maxBytes: 100 * 1024 * 1024,
  timeoutMs: 120_000,
};
