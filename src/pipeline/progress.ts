/**
 * Progress of a batch on stderr. On a terminal: one live line (bar, documents done, pages
 * per second, time left) redrawn at most ~8 times a second, with failures printed above it.
 * Not a terminal: a plain line every few seconds. At the end: a summary (ok / partial /
 * failed, resumed, flags by code, pages, elapsed).
 */
import type { DocSummary } from './outcome.js';

export interface ProgressOptions {
  /** Write to (default process.stderr.write). */
  write: (s: string) => void;
  /** A terminal: live bar; otherwise plain lines. */
  tty: boolean;
  /** Terminal width (bar mode). */
  columns?: number;
  /** Plain mode: one line per this many ms (default 5000). */
  intervalMs?: number;
  quiet: boolean;
  now?: () => number;
}

export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '?';
  const s = Math.round(sec);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(r).padStart(2, '0')}s` : `${r}s`;
}

export class ProgressReporter {
  private readonly started: number;
  private total = 0;
  private done = 0;
  private reused = 0;
  private pages = 0;
  private lastDraw = 0;
  private barShown = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly counts = { ok: 0, partial: 0, failed: 0 };
  private readonly flags = new Map<string, number>();

  constructor(private readonly o: ProgressOptions) {
    this.now = o.now ?? Date.now;
    this.started = this.now();
  }

  start(total: number): void {
    this.total = total;
    if (this.o.quiet) return;
    if (this.o.tty) this.draw(true);
    else {
      this.o.write(`jixiao: ${total} document(s) to process\n`);
      this.timer = setInterval(() => this.plain(), this.o.intervalMs ?? 5000);
      this.timer.unref();
    }
  }

  /** A document finished (`reused`: taken from a previous run by --resume). */
  update(s: DocSummary, reused: boolean): void {
    this.done++;
    this.counts[s.status]++;
    for (const c of s.flagCodes) this.flags.set(c, (this.flags.get(c) ?? 0) + 1);
    if (reused) this.reused++;
    else this.pages += s.pages ?? 0;
    if (this.o.quiet) return;
    if (s.status === 'failed') {
      this.clearBar();
      this.o.write(`failed: ${s.doc_id}: ${s.error ?? ''}\n`);
    }
    if (this.o.tty) this.draw(s.status === 'failed' || this.done === this.total);
  }

  /** Flags raised after the documents (the links stage's cross-document flags), by code. */
  addFlags(codes: readonly string[]): void {
    for (const c of codes) this.flags.set(c, (this.flags.get(c) ?? 0) + 1);
  }

  private elapsed(): number {
    return Math.max(0.001, (this.now() - this.started) / 1000);
  }

  private rates(): { pps: number; eta: number } {
    const secs = this.elapsed();
    const processed = this.done - this.reused;
    const pps = this.pages / secs;
    const remaining = this.total - this.done;
    const eta = processed > 0 ? (secs / processed) * remaining : NaN;
    return { pps, eta };
  }

  private statusText(): string {
    const { pps, eta } = this.rates();
    const pct = this.total ? Math.floor((this.done / this.total) * 100) : 100;
    const left = this.done === this.total ? 'done' : `${formatDuration(eta)} left`;
    return `${this.done}/${this.total} docs ${pct}%, ${this.pages} pages, ${pps.toFixed(1)} pages/s, ${left}`;
  }

  private draw(force: boolean): void {
    const t = this.now();
    if (!force && t - this.lastDraw < 125) return;
    this.lastDraw = t;
    const text = this.statusText();
    const width = Math.max(10, Math.min(40, (this.o.columns ?? 80) - text.length - 4));
    const filled = this.total ? Math.round((this.done / this.total) * width) : width;
    this.o.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
    this.barShown = true;
  }

  private clearBar(): void {
    if (this.barShown) this.o.write('\r\x1b[2K');
    this.barShown = false;
  }

  private plain(): void {
    this.o.write(`jixiao: ${this.statusText()}\n`);
  }

  /** Stop the live output and print the summary. */
  finish(outDir: string, interrupted: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.o.quiet) return;
    this.clearBar();
    const secs = this.elapsed();
    const c = this.counts;
    const flagText = [...this.flags.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    const totalFlags = [...this.flags.values()].reduce((a, b) => a + b, 0);
    const lines = [
      `${interrupted ? 'interrupted: ' : ''}${this.done}${interrupted ? ` of ${this.total}` : ''} document(s): ${c.ok} ok, ${c.partial} partial, ${c.failed} failed` +
        (this.reused ? ` (${this.reused} reused by --resume)` : ''),
      `flags: ${totalFlags}${flagText ? ` (${flagText})` : ''}`,
      `${this.pages} page(s) processed in ${formatDuration(secs)} (${secs.toFixed(1)} s, ${(this.pages / secs).toFixed(1)} pages/s) → ${outDir}`,
    ];
    this.o.write(lines.join('\n') + '\n');
  }
}
