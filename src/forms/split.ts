/**
 * One form, one project: a document holding several copies of a form (a unit printing all its
 * projects into one PDF, one per page, with `-1-` / `-2-` page marks) is split into forms.
 * Split points, in order of trust: the form's title repeated (as a line, a one-cell table, or
 * the first row of a table spanning it, as office exports print it); else the form's opening
 * header (a 项目名称 row at the top of a table) repeated on later pages, naming another
 * project each time. A split is kept only when every part has its own `required` label, so a
 * title repeated as a running head splits nothing.
 */
import type { Block } from '../model/layout.js';
import { normalizeText } from '../text/normalize.js';
import { documentRows, findField, findLabel, ownCells, tableRows } from '../tables/index.js';
import { matchLabel } from '../vocabulary/match.js';

/** A title is a short text; longer lines are prose. */
const TITLE_MAX = 40;
/** Rows at the top of a table where a form's opening label (项目名称) stands. */
const OPENING_ROWS = 3;

function compact(t: string): string {
  return normalizeText(t).replace(/\s+/g, '');
}

/** The title text a block opens with: a line, a one-cell table, or a table's first row when one cell spans it. */
function titleText(b: Block): string {
  if (b.kind === 'line') return b.line.text;
  const t = b.table;
  if (t.nRows === 1 && t.cells.length === 1) return t.cells[0].text;
  const first = t.cells.filter((c) => c.row === 0);
  if (first.length === 1 && first[0].colSpan >= Math.max(2, t.nCols - 1)) return first[0].text;
  return '';
}

function blockPage(b: Block): number {
  return b.kind === 'line' ? b.line.page : b.table.pages[0];
}

function partsAt(blocks: readonly Block[], starts: number[]): Block[][] {
  const parts: Block[][] = [];
  for (let k = 0; k < starts.length; k++) parts.push(blocks.slice(k === 0 ? 0 : starts[k], starts[k + 1] ?? blocks.length));
  return parts;
}

function everyPartHas(parts: Block[][], required: readonly string[]): boolean {
  return parts.every((part) => findLabel(documentRows(part), required, { minScore: 0.8 }) !== null);
}

/**
 * The forms of a document, each as its run of blocks (the whole document as one part when it
 * holds one form). `titleWords` name the form's title (申报表, 自评表); `required` is the
 * label every form prints (项目名称 and its synonyms).
 */
export function splitForms(blocks: readonly Block[], titleWords: readonly string[], required: readonly string[]): Block[][] {
  const isTitle = (b: Block) => {
    const n = compact(titleText(b));
    return n.length > 0 && n.length <= TITLE_MAX && titleWords.some((w) => n.includes(w));
  };
  const titles = blocks.map((b, i) => (isTitle(b) ? i : -1)).filter((i) => i >= 0);
  if (titles.length >= 2) {
    const parts = partsAt(blocks, titles);
    if (everyPartHas(parts, required)) return parts;
  }
  // the opening header repeated: a table starting with 项目名称 on a later page starts a form there
  const opens = (b: Block) => {
    if (b.kind !== 'table') return false;
    const rows = tableRows(b.table).slice(0, OPENING_ROWS);
    return rows.some((r) => ownCells(r).some((c) => matchLabel(c.text.split(/[:：]/)[0], required, { prefix: false }) >= 0.8));
  };
  const starts: number[] = [];
  let lastPage = -1;
  blocks.forEach((b, i) => {
    if (!opens(b) || blockPage(b) === lastPage) return;
    lastPage = blockPage(b);
    // the form starts with the first block of its page (its title and year lines)
    let s = i;
    while (s > 0 && blockPage(blocks[s - 1]) === blockPage(b) && blocks[s - 1].kind === 'line') s--;
    starts.push(s);
  });
  if (starts.length >= 2) {
    const parts = partsAt(blocks, starts);
    // a header repeated over one form's pages names the same project each time: not a new form
    const names = parts.map((part) => findField(documentRows(part), required, { minScore: 0.8 })?.text ?? null);
    if (names.every((n) => n !== null) && new Set(names).size === names.length) return parts;
  }
  return [blocks.slice()];
}
