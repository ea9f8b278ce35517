/**
 * Progress of a queued batch on stderr, from QueueEvents and the batch's job states: documents
 * done / failed / running / waiting, pages per second and time left (over the documents
 * finished since watching began), a line every few seconds or at each change on a terminal,
 * and a summary at the end.
 */
import type { DocSummary } from '../pipeline/outcome.js';
import { formatDuration } from '../pipeline/progress.js';

export interface BatchCounts {
  total: number;
  /** Jobs completed (their document ok, partial or failed). */
  done: number;
  /** Jobs BullMQ gave up on (workers died too often). */
  failed: number;
  running: number;
  waiting: number;
}

export class QueueProgress {
  private readonly started = Date.now();
  private finishedNow = 0;
  private pages = 0;
  private counts: BatchCounts = { total: 0, done: 0, failed: 0, running: 0, waiting: 0 };
  private last = 0;
  private startDone = 0;

  constructor(
    private readonly write: (s: string) => void,
    private readonly intervalMs = 5000,
  ) {}

  start(c: BatchCounts): void {
    this.counts = c;
    this.startDone = c.done + c.failed;
    this.line(true);
  }

  /** A job of the batch completed (from QueueEvents): its pages; `failure` when its document failed. */
  finished(pages: number, failure?: string): void {
    this.finishedNow++;
    this.pages += pages;
    if (failure) this.write(`failed: ${failure}\n`);
  }

  note(text: string): void {
    this.write(`jixiao: ${text}\n`);
  }

  update(c: BatchCounts): void {
    this.counts = c;
    this.line(false);
  }

  text(): string {
    const c = this.counts;
    const secs = Math.max(0.001, (Date.now() - this.started) / 1000);
    const doneNow = c.done + c.failed - this.startDone;
    const left = c.running + c.waiting;
    const eta = doneNow > 0 ? (secs / doneNow) * left : NaN;
    return (
      `${c.done + c.failed}/${c.total} docs: ${c.done} done, ${c.failed} failed, ${c.running} running, ${c.waiting} waiting; ` +
      `${(this.pages / secs).toFixed(1)} pages/s, ${left === 0 ? 'done' : `${formatDuration(eta)} left`}`
    );
  }

  private lastText = '';

  private line(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.last < this.intervalMs) return;
    const text = this.text();
    if (text === this.lastText) return;
    this.last = now;
    this.lastText = text;
    this.write(`jixiao: ${text}\n`);
  }

  stop(): void {
    this.line(true);
  }

  finish(outDir: string, summaries: readonly DocSummary[]): void {
    const n = { ok: 0, partial: 0, failed: 0 };
    for (const s of summaries) n[s.status]++;
    this.write(`${summaries.length} document(s): ${n.ok} ok, ${n.partial} partial, ${n.failed} failed → ${outDir}\n`);
  }
}
