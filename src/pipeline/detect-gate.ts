/**
 * One detection run at a time across the worker processes of a run (PP-OCR only).
 *
 * PP-OCR's detection network needs ~250 MB of working memory for one page at 1600 px (its
 * activations, onnxruntime's CPU arena), for the ~0.3 s of its run; the rest of a page's reading
 * needs far less. Two workers whose detection runs overlap add their peaks, and that overlap is
 * what set the process tree's peak at concurrency 2. A gate held by the parent lets one worker's
 * detection in at a time (first come, first served); the readings are untouched, a worker that
 * finds the gate taken waits for at most one run.
 *
 * Protocol (child ↔ parent IPC): the child sends `{ type: 'gate', op: 'acquire' }`, the parent
 * answers `{ type: 'gate' }` when it is the child's turn; the child sends `{ type: 'gate', op:
 * 'release' }` when its run is over. A child that dies holding the gate hands it on
 * (`GateKeeper.drop`).
 */
import type { MemoryGate } from '../ocr/types.js';

export type GateRequest = { type: 'gate'; op: 'acquire' | 'release' };
export type GateGrant = { type: 'gate' };

/**
 * The child's side: a `MemoryGate` over `send`; call `granted()` on each `{ type: 'gate' }`
 * message from the parent. Grants are taken in the order asked.
 */
export function gateClient(send: (msg: GateRequest) => void): { gate: MemoryGate; granted(): void } {
  const waiting: Array<() => void> = [];
  const gate: MemoryGate = () =>
    new Promise<() => void>((resolve) => {
      waiting.push(() => {
        let open = true;
        resolve(() => {
          if (!open) return;
          open = false;
          send({ type: 'gate', op: 'release' });
        });
      });
      send({ type: 'gate', op: 'acquire' });
    });
  return { gate, granted: () => waiting.shift()?.() };
}

/**
 * The parent's side: which member holds the gate and who waits, in order. `grant(member)` is
 * called when a member's turn comes (send it `{ type: 'gate' }`).
 */
export class GateKeeper<M> {
  private holder: M | undefined;
  private readonly queue: M[] = [];

  constructor(private readonly grant: (member: M) => void) {}

  acquire(member: M): void {
    if (this.holder === undefined) {
      this.holder = member;
      this.grant(member);
    } else this.queue.push(member);
  }

  release(member: M): void {
    if (this.holder !== member) return;
    this.holder = this.queue.shift();
    if (this.holder !== undefined) this.grant(this.holder);
  }

  /** A member gone (exited, killed): out of the queue, and the gate handed on if it held it. */
  drop(member: M): void {
    for (let i = this.queue.indexOf(member); i >= 0; i = this.queue.indexOf(member)) this.queue.splice(i, 1);
    this.release(member);
  }

  get held(): boolean {
    return this.holder !== undefined;
  }
}
