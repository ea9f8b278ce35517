/**
 * Page lending: the pages of a document being read by OCR that an idle worker process reads
 * meanwhile. At the end of a batch the pool has workers with nothing to do while others still
 * read the pages of their last documents (a few-document batch is all end: three scans on two
 * workers left one idle for a third of the run). The pool (runner.ts) then asks a worker that
 * announced pages (`pages`) to lend one (`lend`); the worker gives the last page it has not
 * started (`lent`), the pool hands it to the idle worker (`page-task`), which reads it as the
 * owner would (`readLentPage`) and answers (`page-done`); the pool passes the page on
 * (`page-result`). A page whose reader failed, died or ran out of time comes back empty and is
 * read by its owner. The pages read are the same wherever they were read, so the records do not
 * depend on which pages were lent.
 *
 * `LendingDesk` is the owner's side: the `PageLending` that `ocrDocument` (src/ocr) consults.
 */
import type { Page } from '../model/page.js';
import type { LendablePage, OcrOptions, PageLending } from '../ocr/index.js';

/** What the owner hands over for one lent page. */
export interface LentPage {
  /** Which `open` of the document's OCR step it belongs to (a document may be read twice: `--ocr auto`'s second reading). */
  round: number;
  page: LendablePage;
  mode: OcrOptions['mode'];
  sha256: string;
}

interface Pending {
  resolve: (page: Page | null) => void;
  promise: Promise<Page | null>;
}

export class LendingDesk implements PageLending {
  private round = 0;
  /** Between `open` and `close`: pages may be lent. */
  private reading = false;
  private mode: OcrOptions['mode'] = 'auto';
  /** Pages not started, in reading order. */
  private readonly unstarted = new Map<number, LendablePage>();
  private readonly lent = new Map<number, Pending>();

  /**
   * `announce(count)`: tell the pool that `count` pages could be lent (sent once per reading,
   * when there are at least two: a single page is started at once). `sha256`: the file's, once read.
   */
  constructor(
    private readonly announce: (count: number) => void,
    public sha256 = '',
  ) {}

  open(pages: LendablePage[], mode: OcrOptions['mode']): void {
    this.round++;
    this.reading = true;
    this.mode = mode;
    this.unstarted.clear();
    this.lent.clear();
    for (const p of pages) this.unstarted.set(p.number, p);
    if (pages.length >= 2 && this.sha256) this.announce(pages.length);
  }

  claim(n: number): boolean {
    if (this.lent.has(n)) return false;
    this.unstarted.delete(n);
    return true;
  }

  result(n: number): Promise<Page | null> {
    return this.lent.get(n)?.promise ?? Promise.resolve(null);
  }

  close(): void {
    this.reading = false;
    this.unstarted.clear();
    // a reading that failed half-way: pages still out are of no use any more
    for (const p of this.lent.values()) p.resolve(null);
    this.lent.clear();
  }

  /** The pool asks for a page: the last one not started, or null. */
  lend(): LentPage | null {
    if (!this.reading) return null;
    const last = [...this.unstarted.keys()].pop();
    if (last === undefined) return null;
    const page = this.unstarted.get(last)!;
    this.unstarted.delete(last);
    let resolve!: (p: Page | null) => void;
    const promise = new Promise<Page | null>((r) => (resolve = r));
    this.lent.set(last, { resolve, promise });
    return { round: this.round, page, mode: this.mode, sha256: this.sha256 };
  }

  /** A lent page came back (`page` undefined: read it here). Late answers of an earlier round are dropped. */
  returned(round: number, n: number, page: Page | undefined): void {
    if (round !== this.round) return;
    this.lent.get(n)?.resolve(page ?? null);
  }
}
