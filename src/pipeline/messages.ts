/**
 * One-line error texts shared by the pool (parent process) and the document stages (worker),
 * kept apart from process-document.ts so the parent does not load every stage to say them.
 */

/** An error (or anything thrown) as one line of at most 300 characters. */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const line = msg.replace(/\s+/g, ' ').trim();
  return (line || 'unknown error').slice(0, 300);
}

/** The one-line error of a document over the time limit (the same in a worker and in-process). */
export function timeoutMessage(ms: number): string {
  return `gave up after ${Math.round(ms / 100) / 10} s (--timeout)`;
}
