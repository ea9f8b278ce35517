/** Scanned twins of part of the corpus (placeholder until written). */
export async function makeScans(_out: string, _argv: string[]): Promise<void> {
  throw new Error('scan: not written yet');
}
