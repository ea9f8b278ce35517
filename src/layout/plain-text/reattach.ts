/**
 * Torn-off value columns. Some PDF-to-text tools print a table's left columns first and
 * its right-hand columns later, as separate blocks of values, one line per row:
 *  - headed blocks, whose first row holds header labels of the table (`目标值\t实际完成指标值`,
 *    or a line `完成进度` above a column of values);
 *  - bare blocks, a run of value lines (`8.00`, `99.03`, `中`) with no header.
 * A block is re-attached to a table as extra columns when its rows can be aligned with the
 * table's rows without guessing: section by section (blank lines in the block match the
 * blank lines that split the table), the block's rows matched in order with one of the
 * table's row sets (all rows; rows that name something; from the first to the last named
 * row; named rows that are not section headings). A headed block goes to the nearest
 * earlier table whose header row carries other labels of the same header group (data in
 * torn-columns.ts); its last section may be shorter than the table's (cells left empty at
 * the end print nothing) once an earlier section has matched exactly. A bare block goes to
 * a table whose header group still lacks labels, only when exactly one row set fits its
 * count. A bare block of a key-value header table (an organization, a period, amounts)
 * becomes a table of label/value pairs when the amounts match the money label cells one
 * for one. Everything else stays where it was, and each re-attachment is reported.
 */
import { parseStrictNumber } from '../../text/numbers.js';
import {
  draftLastLine,
  isBlank,
  isTabbed,
  sections,
  type Draft,
  type RCell,
  type Row,
  type SrcLine,
} from './lines.js';
import {
  groupsOfLabel,
  headerMatches,
  isNamedRow,
  isSectionRow,
  isValueText,
  labelKey,
} from './labels.js';
import type { Piece } from './runs.js';
import {
  HEADER_GROUPS,
  KEY_VALUE_GROUPS,
  LEADING_VALUE_MAX_CHARS,
  SENTENCE_PUNCTUATION,
  type HeaderGroup,
} from './torn-columns.js';

export interface Block {
  kind: 'tab' | 'plain';
  /** Header row (tab block: row 0; plain block: the label line as a one-cell row). */
  header?: Row;
  keys: Set<string>;
  groups: HeaderGroup[];
  /** Value rows by section. */
  segments: Row[][];
  /** Columns the block adds. */
  width: number;
  /** Source lines it consumes. */
  lines: number[];
  /** Tab blocks: the run it came from. */
  draft?: Draft;
  /** Bare blocks: how many leading rows are short texts rather than values. */
  leading: number;
}

/** A table produced for a key-value block, placed where the block was. */
export interface KeyValueTable {
  draft: Draft;
  atLine: number;
}

export type Note = ((idOf: (d: Draft) => string) => string) & { at?: number };

export interface ReattachResult {
  pieces: Piece[];
  /** Lines consumed by re-attached plain blocks. */
  consumedLines: Set<number>;
  /** Tab-run drafts consumed by re-attachment. */
  consumedDrafts: Set<Draft>;
  kvTables: KeyValueTable[];
  /** Warnings that name tables, resolved once table ids are known; `at` = first line of the block. */
  notes: Note[];
}

const lineRange = (ls: number[]): string => {
  const a = Math.min(...ls);
  const b = Math.max(...ls);
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
};

function groupsForKeys(keys: Set<string>): HeaderGroup[] {
  return HEADER_GROUPS.filter((g) => {
    const all = new Set([...g.labels, ...(g.captions ?? [])].map(labelKey));
    return keys.size > 0 && [...keys].every((k) => all.has(k));
  });
}

function oneCellRow(l: SrcLine): Row {
  return { line: l.line, cells: l.cells.map((c) => ({ ...c, col: 0 })), nFrags: 1 };
}

function isPlainValueLine(l: SrcLine | undefined): boolean {
  return !!l && !isBlank(l) && !isTabbed(l) && l.cells.length === 1 && isValueText(l.cells[0].text);
}

function isPlainLabelLine(l: SrcLine | undefined): boolean {
  return !!l && !isBlank(l) && !isTabbed(l) && l.cells.length === 1 && groupsOfLabel(l.cells[0].text).length > 0;
}

/** Value lines from index i on, sections split at blank lines; stops at anything else. */
function collectValues(lines: readonly SrcLine[], i: number): { segments: Row[][]; end: number } {
  const segments: Row[][] = [];
  let cur: Row[] = [];
  while (i < lines.length) {
    const l = lines[i];
    if (isPlainValueLine(l)) {
      cur.push(oneCellRow(l));
      i++;
      continue;
    }
    if (isBlank(l) && cur.length) {
      let j = i;
      while (j < lines.length && isBlank(lines[j])) j++;
      if (isPlainValueLine(lines[j])) {
        segments.push(cur);
        cur = [];
        i = j;
        continue;
      }
    }
    break;
  }
  if (cur.length) segments.push(cur);
  return { segments, end: i };
}

function isLeadingText(l: SrcLine | undefined): boolean {
  if (!l || isBlank(l) || isTabbed(l) || l.cells.length !== 1) return false;
  const t = l.cells[0].text;
  return t.length <= LEADING_VALUE_MAX_CHARS && !SENTENCE_PUNCTUATION.test(t) && groupsOfLabel(t).length === 0;
}

/** Candidate blocks, in file order. */
export function findBlocks(pieces: readonly Piece[], lines: readonly SrcLine[]): Block[] {
  const blocks: Block[] = [];
  for (const p of pieces) {
    if (p.kind !== 'run' || p.draft.rows.length < 2) continue;
    const head = p.draft.rows[0];
    const pure = headerMatches(head, 1).filter((m) => m.pure);
    if (!pure.length) continue;
    const keys = new Set(head.cells.map((c) => labelKey(c.text)));
    const groups = groupsForKeys(keys);
    if (!groups.length) continue;
    const segs = sections(p.draft, true);
    const rowsLines = p.draft.rows.map((r) => r.line);
    blocks.push({ kind: 'tab', header: head, keys, groups, segments: segs, width: p.draft.nCols, lines: rowsLines, draft: p.draft, leading: 0 });
  }
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (isPlainLabelLine(l) && isPlainValueLine(lines[i + 1])) {
      const { segments, end } = collectValues(lines, i + 1);
      const keys = new Set([labelKey(l.cells[0].text)]);
      blocks.push({
        kind: 'plain',
        header: oneCellRow(l),
        keys,
        groups: groupsForKeys(keys),
        segments,
        width: 1,
        lines: [l.line, ...segments.flat().map((r) => r.line)],
        leading: 0,
      });
      i = end;
      continue;
    }
    if (isPlainValueLine(l)) {
      const { segments, end } = collectValues(lines, i);
      const n = segments.flat().length;
      if (n >= 3) {
        const lead: Row[] = [];
        for (let k = i - 1; k >= 0 && lead.length < 2 && isLeadingText(lines[k]); k--) lead.unshift(oneCellRow(lines[k]));
        segments[0] = [...lead, ...segments[0]];
        blocks.push({ kind: 'plain', keys: new Set(), groups: [], segments, width: 1, lines: segments.flat().map((r) => r.line), leading: lead.length });
      }
      i = end;
      continue;
    }
    i++;
  }
  return blocks.sort((a, b) => Math.min(...a.lines) - Math.min(...b.lines));
}

/** Split runs at rows that carry two or more labels of one header group. */
export function splitAtHeaders(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    if (p.kind !== 'run') {
      out.push(p);
      continue;
    }
    const d = p.draft;
    let start = 0;
    const cut = (end: number) => {
      const rows = d.rows.slice(start, end);
      const breaks = new Set<number>();
      for (const b of d.breaks) if (b > start && b < end) breaks.add(b - start);
      out.push({ kind: 'run', draft: { rows, breaks, nCols: Math.max(...rows.map((r) => r.nFrags)) } });
    };
    for (let i = 1; i < d.rows.length; i++) {
      if (headerMatches(d.rows[i], 2).length) {
        cut(i);
        start = i;
      }
    }
    cut(d.rows.length);
  }
  return out;
}

type SetKind = 'all' | 'named' | 'span' | 'named-no-section';

function rowSet(seg: Row[], kind: SetKind): Row[] {
  const named = seg.filter(isNamedRow);
  switch (kind) {
    case 'all':
      return seg;
    case 'named':
      return named;
    case 'named-no-section':
      return named.filter((r) => !isSectionRow(r));
    case 'span': {
      if (!named.length) return [];
      return seg.slice(seg.indexOf(named[0]), seg.indexOf(named[named.length - 1]) + 1);
    }
  }
}

const HEADED_SETS: SetKind[] = ['all', 'named', 'span', 'named-no-section'];
const BARE_SETS: SetKind[] = ['all', 'named'];

type Pairs = [Row, Row][];

/** Section-wise alignment of the block's value rows with the table's rows. */
function alignHeaded(block: Row[][], table: Row[][]): Pairs | null {
  if (block.length <= table.length) {
    const pairs: Pairs = [];
    let ok = true;
    for (let i = 0; i < block.length && ok; i++) {
      const want = block[i].length;
      const set = HEADED_SETS.map((k) => rowSet(table[i], k)).find((s) => s.length === want);
      if (set) {
        set.forEach((r, j) => pairs.push([r, block[i][j]]));
        continue;
      }
      const named = rowSet(table[i], 'named');
      if (i > 0 && i === block.length - 1 && named.length > want) {
        named.slice(0, want).forEach((r, j) => pairs.push([r, block[i][j]]));
        continue;
      }
      ok = false;
    }
    if (ok) return pairs;
  }
  if (block.length === 1) {
    const flat = table.flat();
    const set = HEADED_SETS.map((k) => rowSet(flat, k)).find((s) => s.length === block[0].length);
    if (set) return set.map((r, j) => [r, block[0][j]] as [Row, Row]);
  }
  return null;
}

/** Every way the bare block's rows fit a row set exactly (distinct row sets only). */
function bareFits(block: Row[][], table: Row[][]): Pairs[] {
  const fits = new Map<string, Pairs>();
  const key = (rows: Row[]) => rows.map((r) => r.line).join(',');
  if (block.length === 1) {
    for (const seg of [...table, table.flat()]) {
      for (const k of BARE_SETS) {
        const s = rowSet(seg, k);
        if (s.length === block[0].length) fits.set(key(s), s.map((r, j) => [r, block[0][j]] as [Row, Row]));
      }
    }
  } else if (block.length === table.length) {
    const pairs: Pairs = [];
    for (let i = 0; i < block.length; i++) {
      const s = BARE_SETS.map((k) => rowSet(table[i], k)).find((x) => x.length === block[i].length);
      if (!s) return [...fits.values()];
      s.forEach((r, j) => pairs.push([r, block[i][j]]));
    }
    fits.set(key(pairs.map((p) => p[0])), pairs);
  }
  return [...fits.values()];
}

function headerKeys(d: Draft): Set<string> {
  return new Set(d.rows[0].cells.map((c) => labelKey(c.text)));
}

/** Groups the table's header row belongs to (two labels or more). */
function tableGroups(d: Draft): HeaderGroup[] {
  return headerMatches(d.rows[0], 2).map((m) => m.group);
}

function attach(target: Draft, block: Block, pairs: Pairs): string {
  const base = target.nCols;
  if (block.header) {
    for (const c of block.header.cells) target.rows[0].cells.push({ ...c, col: base + c.col, attached: true });
  }
  for (const [row, val] of pairs) {
    for (const c of val.cells) row.cells.push({ ...c, col: base + c.col, attached: true });
  }
  for (const r of target.rows) r.cells.sort((a, b) => a.col - b.col);
  target.nCols = base + block.width;
  const cols = block.width === 1 ? `col ${base}` : `cols ${base}-${base + block.width - 1}`;
  const head = block.header ? ` [${block.header.cells.map((c) => c.text).join('|')}]` : ' (bare)';
  const onto = pairs.map((p) => p[0].line);
  return `${head} → ${cols}, ${pairs.length} rows at lines ${compactLines(onto)}`;
}

function compactLines(ls: number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < ls.length) {
    let j = i;
    while (j + 1 < ls.length && ls[j + 1] === ls[j] + 1) j++;
    parts.push(i === j ? `${ls[i]}` : `${ls[i]}-${ls[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Runs before the block holding a row with labels of the block's groups that the block lacks. */
function hasRelatedTable(b: Block, pieces: readonly Piece[]): boolean {
  const first = Math.min(...b.lines);
  return pieces.some(
    (p) =>
      p.kind === 'run' &&
      p.draft !== b.draft &&
      p.draft.rows[0].line < first &&
      p.draft.rows.some((r) =>
        headerMatches(r, 1).some((m) => b.groups.includes(m.group) && ![...m.keys].some((k) => b.keys.has(k))),
      ),
  );
}

export function reattachTornColumns(pieces0: readonly Piece[], lines: readonly SrcLine[]): ReattachResult {
  const empty: ReattachResult = { pieces: [...pieces0], consumedLines: new Set(), consumedDrafts: new Set(), kvTables: [], notes: [] };
  // Only a document with torn-looking blocks gets its tables split at header rows.
  const torn = findBlocks(pieces0, lines).some((b) => !b.header || hasRelatedTable(b, pieces0));
  if (!torn) return empty;
  const pieces = splitAtHeaders(pieces0);
  const blocks = findBlocks(pieces, lines);
  const res: ReattachResult = { ...empty, pieces };
  const blockDrafts = new Set(blocks.map((b) => b.draft).filter((d): d is Draft => !!d));
  const tables = (): Draft[] =>
    pieces.flatMap((p) => (p.kind === 'run' && !blockDrafts.has(p.draft) && !res.consumedDrafts.has(p.draft) ? [p.draft] : []));

  const consume = (b: Block) => {
    if (b.draft) res.consumedDrafts.add(b.draft);
    else for (const l of b.lines) res.consumedLines.add(l);
  };

  // Headed blocks first (their header names the table), then bare ones fill what is left.
  const ordered = [...blocks.filter((b) => b.header), ...blocks.filter((b) => !b.header)];
  for (const b of ordered) {
    const first = Math.min(...b.lines);
    const span = lineRange(b.lines);
    if (b.header) {
      const targets = tables()
        .filter((d) => draftLastLine(d) < first)
        .filter((d) => {
          const hk = headerKeys(d);
          return tableGroups(d).some((g) => b.groups.includes(g)) && ![...b.keys].some((k) => hk.has(k));
        })
        .reverse();
      let done = false;
      for (const t of targets) {
        const pairs = alignHeaded(b.segments, sections(t, true));
        if (!pairs) continue;
        const what = attach(t, b, pairs);
        consume(b);
        addNote(res, first, (id) => `torn column: ${span}${what} of table ${id(t)}`);
        done = true;
        break;
      }
      // A headed block with no related table is an ordinary table or line: nothing to report.
      if (!done && targets.length) {
        addNote(res, first, () => `torn column not re-attached: ${span} [${b.header!.cells.map((c) => c.text).join('|')}]: rows do not align`);
      }
      continue;
    }
    // Bare block of values only: tables whose header group still lacks labels.
    const fits: { t: Draft; pairs: Pairs }[] = [];
    for (const t of tables().filter((d) => b.leading === 0 && draftLastLine(d) < first)) {
      const hk = headerKeys(t);
      const lacking = headerMatches(t.rows[0], 2).some((m) => m.group.labels.some((l) => !hk.has(labelKey(l))));
      if (!lacking) continue;
      for (const pairs of bareFits(b.segments, sections(t, true))) fits.push({ t, pairs });
    }
    if (fits.length === 1) {
      const { t, pairs } = fits[0];
      const what = attach(t, b, pairs);
      consume(b);
      addNote(res, first, (id) => `torn column: ${span}${what} of table ${id(t)}`);
      continue;
    }
    if (fits.length > 1) {
      addNote(res, first, () => `torn values not re-attached: ${span}: ${fits.length} tables or row sets fit`);
      continue;
    }
    if (attachKeyValues(b, tables(), res, span)) continue;
    addNote(res, first, () => `torn values not re-attached: ${span}: no table rows fit ${b.segments.flat().length} values`);
  }
  // report in file order of the blocks
  const at = new Map<Note, number>();
  res.notes.forEach((n, i) => at.set(n, n.at ?? i));
  res.notes.sort((a, b) => at.get(a)! - at.get(b)!);
  return res;
}

function addNote(res: ReattachResult, at: number, fn: (idOf: (d: Draft) => string) => string): void {
  const n: Note = fn;
  n.at = at;
  res.notes.push(n);
}

function isMoneyLabelCell(c: RCell, labels: Set<string>): boolean {
  return labels.has(labelKey(c.text));
}

/** Key-value header block: amounts onto the money label cells, leading texts onto torn label tails. */
function attachKeyValues(b: Block, tables: Draft[], res: ReattachResult, span: string): boolean {
  const values = b.segments.flat();
  const first = Math.min(...b.lines);
  for (const g of KEY_VALUE_GROUPS) {
    const money = new Set(g.moneyLabels.map(labelKey));
    const lead = values.filter((r) => !parseStrictNumber(r.cells[0].text));
    const nums = values.filter((r) => !!parseStrictNumber(r.cells[0].text));
    // leading texts first, then amounts only
    if (values.slice(0, lead.length).some((r) => parseStrictNumber(r.cells[0].text))) continue;
    const before = tables.filter((d) => draftLastLine(d) < first);
    for (let ti = before.length - 1; ti >= 0; ti--) {
      const t = before[ti];
      const secs = sections(t, false);
      const sec = secs.find((s) => s.some((r) => r.cells.some((c) => isMoneyLabelCell(c, money))));
      if (!sec) continue;
      const from = sec.findIndex((r) => r.cells.some((c) => isMoneyLabelCell(c, money)));
      const labelCells: RCell[] = [];
      for (const r of sec.slice(from)) {
        const hasRight = r.cells.some((c) => c.col > 0);
        for (const c of r.cells) {
          if (c.col === 0 && hasRight) continue;
          if (parseStrictNumber(c.text)) continue;
          labelCells.push(c);
        }
      }
      if (labelCells.length !== nums.length) continue;
      const pairs: [RCell, Row][] = nums.map((v, i) => [labelCells[i], v]);
      let leadPairs: [RCell, Row][] = [];
      if (lead.length) {
        // torn label tails: a run of one-label rows whose value cells are empty, between table and block
        const tails = before
          .slice(ti + 1)
          .find((d) => d.rows.length > lead.length && d.rows.every((r) => r.cells.length === 1 && r.cells[0].col === 0 && r.nFrags >= 2));
        if (tails) {
          const heads = tails.rows.slice(0, lead.length).map((r) => r.cells[0]);
          const nextIsMoney = g.moneyTail.test(tails.rows[lead.length].cells[0].text);
          if (nextIsMoney && heads.every((c) => !g.moneyTail.test(c.text))) leadPairs = heads.map((c, i) => [c, lead[i]]);
        }
      }
      const all = [...leadPairs, ...pairs];
      const rows: Row[] = all.map(([label, v]) => ({
        line: v.line,
        nFrags: 2,
        cells: [{ ...label, col: 0 }, { ...v.cells[0], col: 1 }],
      }));
      const draft: Draft = { rows, breaks: new Set(), nCols: 2 };
      res.kvTables.push({ draft, atLine: all.length ? Math.min(...all.map(([, v]) => v.line)) : first });
      for (const [, v] of all) res.consumedLines.add(v.line);
      const listed = all.map(([l, v]) => `${l.text}=${v.cells[0].text}`).join(', ');
      const left = lead.length - leadPairs.length;
      addNote(res, first, 
        (id) =>
          `torn key-values: ${span} → label/value table ${id(draft)} (labels from table ${id(t)}${leadPairs.length ? ' and torn label tails' : ''}): ${listed}` +
          (left ? `; ${left} leading value(s) left as lines` : ''),
      );
      return true;
    }
  }
  return false;
}
