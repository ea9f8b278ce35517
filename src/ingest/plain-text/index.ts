/**
 * Plain-text ingest: a file as a PDF-to-text tool left it (tables torn into tab-separated
 * fragments) becomes one pseudo-page of words.
 *
 * Conventions (docs/ARCHITECTURE.md):
 *  - one `Word` per non-empty tab-separated fragment, text normalized with `normalizeText`,
 *    `line` = 1-based line number, `column` = 0-based fragment index (empty fragments are
 *    dropped but still count, so an empty leading fragment puts the text in column 1);
 *  - box: x0 = column × 100, x1 = x0 + 100, y0 = line × 10, y1 = y0 + 10;
 *  - every tab is recorded as a vertical `Rule` at x = column × 100 on its line (the
 *    boundary between fragment column-1 and column), so layout knows how many fragments a
 *    line had even when the trailing ones were empty (`实施单位\t` is a row of two cells).
 */
import type { IngestedDocument, Page, Rule, Word } from '../../model/page.js';
import { normalizeText } from '../../text/normalize.js';

export const PLAIN_COL_WIDTH = 100;
export const PLAIN_LINE_HEIGHT = 10;

/** Decode the bytes: UTF-8 (BOM stripped), else GB18030/GBK with a warning; neither → Error. */
export function decodePlainText(bytes: Uint8Array, warnings: string[]): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new Error('plain text is neither valid UTF-8 nor GB18030/GBK');
    }
    warnings.push('plain text is not UTF-8; decoded as GB18030 (GBK)');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw new Error('plain text holds NUL bytes (binary data, not text)');
  return text;
}

export function ingestPlainText(bytes: Uint8Array): IngestedDocument {
  const warnings: string[] = [];
  const text = decodePlainText(bytes, warnings)
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '');
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();

  const words: Word[] = [];
  const rules: Rule[] = [];
  let maxFrags = 1;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const y0 = line * PLAIN_LINE_HEIGHT;
    const frags = raw.split('\t');
    if (frags.length > maxFrags) maxFrags = frags.length;
    frags.forEach((frag, column) => {
      const x0 = column * PLAIN_COL_WIDTH;
      if (column > 0) rules.push({ x0, y0, x1: x0, y1: y0 + PLAIN_LINE_HEIGHT });
      const t = normalizeText(frag);
      if (!t) return;
      words.push({ text: t, box: { x0, y0, x1: x0 + PLAIN_COL_WIDTH, y1: y0 + PLAIN_LINE_HEIGHT }, line, column });
    });
  });

  const page: Page = {
    number: 1,
    width: maxFrags * PLAIN_COL_WIDTH,
    height: (lines.length + 1) * PLAIN_LINE_HEIGHT,
    words,
    rules,
    source: 'plain_text',
  };
  return { pages: [page], warnings };
}
