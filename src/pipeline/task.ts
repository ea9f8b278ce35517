/**
 * One document from path to outcome, on whatever runs it (a worker process or, in
 * process, the caller's). Never throws.
 */
import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { InputFile } from './inputs.js';
import type { RunOptions } from './options.js';
import type { DocumentContext } from './ocr-holder.js';
import { outcomeOf, type DocOutcome } from './outcome.js';
import { detectBackend, EMPTY_SHA256, failedRecord, processDocumentDetailed } from './process-document.js';

export async function runDocument(
  input: InputFile,
  options: RunOptions,
  ctx: DocumentContext | undefined,
  keepRecord: boolean,
  onRead?: (sha256: string) => void,
): Promise<DocOutcome> {
  const { record, timedOut, crops, validated } = await processDocumentDetailed(input, options, ctx, onRead);
  try {
    return { ...outcomeOf(record, keepRecord, validated === true), timedOut, ...(crops ? { crops } : {}) };
  } catch (err) {
    // A record that does not match the schema is a bug upstream: fail this document only.
    const failed = failedRecord(input, record.sha256, record.text_source === 'plain_text', err);
    return { ...outcomeOf(failed, keepRecord), timedOut };
  }
}

/**
 * The failed outcome of a document whose thread died or was stopped (crash, out of memory,
 * time limit): sha256 and text/PDF read here, as processDocument would have. `cwd`: the
 * folder a relative path is relative to (default the process's).
 */
export async function failedOutcome(input: InputFile, options: RunOptions, err: unknown, keepRecord: boolean, cwd?: string): Promise<DocOutcome> {
  let sha256 = EMPTY_SHA256;
  let isText = /\.txt$/i.test(input.path);
  try {
    const fh = await open(cwd ? resolve(cwd, input.path) : input.path, 'r');
    try {
      const { size } = await fh.stat();
      if (size <= options.maxBytes) {
        const hash = createHash('sha256');
        const buf = Buffer.alloc(1 << 20);
        let head: Uint8Array | undefined;
        for (let pos = 0; ; ) {
          const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
          if (bytesRead === 0) break;
          if (!head) head = Uint8Array.from(buf.subarray(0, Math.min(bytesRead, 1024)));
          hash.update(buf.subarray(0, bytesRead));
          pos += bytesRead;
        }
        sha256 = hash.digest('hex');
        try {
          isText = detectBackend(input.path, head ?? new Uint8Array()) === 'plain_text';
        } catch {
          isText = false;
        }
      }
    } finally {
      await fh.close();
    }
  } catch {
    /* unreadable: keep the defaults */
  }
  return outcomeOf(failedRecord(input, sha256, isText, err), keepRecord);
}
