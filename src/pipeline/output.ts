/**
 * The output folder of a batch, written as documents finish: json/<doc_id>.json atomically as
 * soon as a document is done (so an interrupted run keeps it) and journaled for --resume;
 * the six CSV files at the end (or at Ctrl-C, for what is done), sorted by doc_id, each
 * atomically (jixiao.sqlite, the report and the workbook follow in finish.ts, after the links
 * stage). Same bytes as emit's writeOutputs for the same records.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import type { CropSet } from '../review/crop.js';
import { join } from 'node:path';
import { columnsOf, CSV_FILES, csvText, writeAtomic, type CsvFile, type Row } from '../emit/index.js';
import { appendJournal, JOURNAL_FILE, JOURNAL_HEADER, journalText, sha256Of, type JournalEntry } from './journal.js';
import type { DocOutcome, DocSummary } from './outcome.js';

interface Done {
  summary: DocSummary;
  rows: Record<CsvFile, Row[]>;
  journal?: JournalEntry;
  /** sha256 of its json/ file's text (schema-valid: outcomes are validated when made). */
  jsonSha256: string;
}

/**
 * Where the report's page crops made by the workers wait for the report (one JSON file of
 * base64 images per document): a hidden folder of the output, removed when the batch ends.
 */
export const CROPS_DIR = '.crops';

export class BatchWriter {
  private readonly done = new Map<string, Done>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly outDir: string,
    private readonly fingerprint: string,
  ) {}

  async begin(): Promise<void> {
    await mkdir(join(this.outDir, 'json'), { recursive: true });
    const path = join(this.outDir, JOURNAL_FILE);
    const text = await readFile(path, 'utf8').catch(() => '');
    if (!text.startsWith(JOURNAL_HEADER)) await writeAtomic(path, JOURNAL_HEADER);
  }

  /** Record a finished document; `reused` ones (resume) already have their json file. */
  async add(outcome: DocOutcome, reused: boolean): Promise<void> {
    const s = outcome.summary;
    if (/[\\/]/.test(s.doc_id) || s.doc_id === '.' || s.doc_id === '..' || !s.doc_id) throw new Error(`doc_id '${s.doc_id}' is not a file name`);
    if (this.done.has(s.doc_id)) throw new Error(`doc_id '${s.doc_id}' appears twice in one run`);
    const jsonSha256 = sha256Of(outcome.json);
    const journal: JournalEntry | undefined =
      s.status === 'failed' ? undefined : { fingerprint: this.fingerprint, docId: s.doc_id, sha256: s.sha256, jsonSha256, sourceFile: s.source_file };
    this.done.set(s.doc_id, { summary: s, rows: outcome.rows, journal, jsonSha256 });
    if (reused) return;
    const crops = outcome.crops && Object.keys(outcome.crops).length > 0 ? outcome.crops : null;
    // json first, journal line second: the journal never vouches for a file not whole.
    const write = this.chain.then(async () => {
      if (crops) await this.writeCrops(s.doc_id, crops);
      await writeAtomic(join(this.outDir, 'json', `${s.doc_id}.json`), outcome.json);
      if (journal) await appendJournal(this.outDir, journal);
    });
    this.chain = write.catch(() => undefined);
    await write;
  }

  private async writeCrops(docId: string, crops: CropSet): Promise<void> {
    await mkdir(join(this.outDir, CROPS_DIR), { recursive: true });
    await writeAtomic(join(this.outDir, CROPS_DIR, `${docId}.json`), JSON.stringify(crops));
  }

  /** The folder of the crops the workers made in this run (`<doc_id>.json` each). */
  get cropsDir(): string {
    return join(this.outDir, CROPS_DIR);
  }

  /** The crops a worker made for `docId` in this run, or null. */
  async crops(docId: string): Promise<CropSet | null> {
    try {
      return JSON.parse(await readFile(join(this.outDir, CROPS_DIR, `${docId}.json`), 'utf8')) as CropSet;
    } catch {
      return null;
    }
  }

  /** Remove the crops folder (after the report, or when there is none to write). */
  async dropCrops(): Promise<void> {
    await rm(join(this.outDir, CROPS_DIR), { recursive: true, force: true });
  }

  get summaries(): DocSummary[] {
    return [...this.done.values()].map((d) => d.summary);
  }

  /**
   * doc_id → sha256 of the json/ text this run wrote (or reused) for it: a schema-valid
   * record (every outcome is validated when it is made), so reading it back needs no second
   * validation while the file still holds these bytes (run.ts `loadRecords`).
   */
  vouchedJson(): ReadonlyMap<string, string> {
    return new Map([...this.done].map(([id, d]) => [id, d.jsonSha256]));
  }

  /**
   * Write the CSV files for every document done. `complete`: the run saw every input, so
   * the journal is rewritten sorted and json files of documents not in this run are removed.
   */
  async finish(complete: boolean): Promise<void> {
    await this.chain;
    const ids = [...this.done.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const file of CSV_FILES) {
      const rows = ids.flatMap((id) => this.done.get(id)!.rows[file]);
      await writeAtomic(join(this.outDir, file), await csvText(columnsOf(file), rows));
    }
    if (!complete) return;
    const entries = ids.map((id) => this.done.get(id)!.journal).filter((e): e is JournalEntry => e !== undefined);
    await writeAtomic(join(this.outDir, JOURNAL_FILE), journalText(entries));
    // Temporary files left by a run that was killed (kill -9) between write and rename.
    for (const dir of [this.outDir, join(this.outDir, 'json')]) {
      for (const name of await readdir(dir)) if (/\.tmp-\d+$/.test(name)) await rm(join(dir, name), { force: true });
    }
    const keep = new Set(ids);
    for (const entry of await readdir(join(this.outDir, 'json'), { withFileTypes: true })) {
      const name = entry.name;
      if (entry.isFile() && name.endsWith('.json') && !keep.has(name.slice(0, -'.json'.length))) await rm(join(this.outDir, 'json', name), { force: true });
    }
  }
}
