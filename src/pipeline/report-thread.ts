/**
 * report.html written on a worker thread, beside the other end-of-run writers (CSV/JSON,
 * jixiao.sqlite, jixiao.xlsx) on the main thread: at the end of a batch the document workers
 * are gone and both cores are free, and the report (crops read back, font subset, HTML) is the
 * longest of those writers. Same function (`writeReport`), same records, same crops: the same
 * bytes as writing it on the main thread. Falls back to the main thread where there is no
 * compiled thread script (TypeScript sources under jest).
 *
 * The crops the batch's workers made wait in a folder (`cropsDir`, one JSON file of base64
 * images per doc_id, output.ts CROPS_DIR); crops not there (a document reused by --resume, a
 * crop that failed, a flag of the links stage) are drawn from the record's PDF.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { DocumentRecord } from '../../schemas/record.js';
import type { Cropper, CropSet } from '../review/index.js';

/** What the thread needs: the output folder, the (linked) records, and where the workers' crops are (null: none). */
export interface ReportJob {
  outDir: string;
  records: DocumentRecord[];
  cropsDir: string | null;
}

/**
 * The report's cropper over crops made by the workers (`cropsDir/<doc_id>.json`, read one
 * document at a time), drawing from the PDF whatever is not there. `cropsDir` null: every
 * crop drawn from the PDFs (review's `recordCropper`).
 */
export async function folderCropper(records: readonly DocumentRecord[], cropsDir: string | null): Promise<Cropper> {
  const { cachedCropper, recordCropper } = await import('../review/index.js');
  const fallback = recordCropper([...records]);
  if (cropsDir === null) return fallback;
  const docOf = new Map(records.map((r) => [r.source_file, r.doc_id]));
  let last: { docId: string; crops: Promise<CropSet | null> } | null = null;
  const read = async (docId: string): Promise<CropSet | null> => {
    try {
      return JSON.parse(await readFile(join(cropsDir, `${docId}.json`), 'utf8')) as CropSet;
    } catch {
      return null;
    }
  };
  return cachedCropper(async (sourceFile) => {
    const docId = docOf.get(sourceFile);
    if (docId === undefined) return null;
    if (last?.docId !== docId) last = { docId, crops: read(docId) };
    return last.crops;
  }, fallback);
}

/** report.html of `job` on the calling thread. */
async function writeReportHere(job: ReportJob): Promise<void> {
  const { writeReport } = await import('../review/index.js');
  await writeReport(job.outDir, job.records, { cropper: await folderCropper(job.records, job.cropsDir) });
}

/** The compiled thread script (this file in dist/), or null when running from TypeScript sources. */
function threadScript(): URL | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null;
  return existsSync(here) ? pathToFileURL(here) : null;
}

const MARK = 'jixiao-report-thread';

/**
 * Write report.html of `job` on a worker thread (or here, see above); resolves when the file
 * is written, rejects with the thread's error (nothing written then: the file is atomic).
 */
export function writeReportAside(job: ReportJob): Promise<void> {
  const script = threadScript();
  if (!script) return writeReportHere(job);
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(script, { workerData: { [MARK]: true, job }, stdout: false, stderr: false });
    let settled = false;
    worker.once('message', (m: { ok: boolean; error?: string }) => {
      settled = true;
      if (m.ok) resolve();
      else reject(new Error(m.error ?? 'report thread failed'));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`report thread exited with code ${code}`));
    });
  });
}

// Thread body: only in a thread started by writeReportAside.
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[MARK] === true) {
  const port = parentPort;
  const { job } = workerData as { job: ReportJob };
  writeReportHere(job).then(
    () => port.postMessage({ ok: true }),
    (err: unknown) => port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
}
