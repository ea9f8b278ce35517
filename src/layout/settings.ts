/**
 * Table-finding settings, in PDF points unless said otherwise. Names and defaults follow
 * pdfplumber's documented table settings where there is a counterpart
 * (snap_tolerance 3, join_tolerance 3, edge_min_length 3, intersection_tolerance 3).
 */
export interface TableSettings {
  /** Parallel rules closer than this are snapped to one position (pdfplumber snap_tolerance). Default 3. */
  snapTolerance: number;
  /** Collinear rule segments whose ends are at most this far apart are merged (pdfplumber join_tolerance). Default 3. */
  joinTolerance: number;
  /** A horizontal and a vertical rule closer than this touch (pdfplumber intersection_tolerance). Default 3. */
  intersectionTolerance: number;
  /** Rules shorter than this are ignored (after merging; pdfplumber edge_min_length). Default 3. */
  minRuleLength: number;
  /** Fraction of a grid slot's side a rule must cover to count as a border there. Default 0.6. */
  borderCoverage: number;
  /** A ruled region becomes a table only with at least this many cells (a lone box is not a table). Default 2. */
  minCells: number;
  /** Stream tables: minimum number of aligned rows. Default 3. */
  streamMinRows: number;
  /** Stream tables: minimum number of columns. Default 2. */
  streamMinCols: number;
  /** Stream tables: minimum width of a whitespace gap that separates columns, in points. Default 8. */
  streamMinGap: number;
  /** Stream tables: minimum number of words in the table. Default 6. */
  streamMinWords: number;
  /** Stream tables: each column must be filled in at least this fraction of the rows. Default 0.5. */
  streamMinColumnFill: number;
  /** Stream tables: maximum vertical gap between consecutive rows, in line heights. Default 2.5. */
  streamMaxRowGap: number;
  /** Cross-page join: column separators must match within this many points. Default 3. */
  pageJoinTolerance: number;
  /**
   * Cross-page join: the part of the page (fraction of its height) at the top and the bottom
   * where running headers/footers may stand between a table and the page edge. Default 0.12.
   */
  pageMarginFraction: number;
  /** Line grouping: minimum vertical overlap (fraction of the smaller height) of words on one line. Default 0.5. */
  lineOverlap: number;
  /** Gap between two Latin words, in ems, above which a space is inserted. Default 0.15. */
  spaceGapEm: number;
}

export const DEFAULT_TABLE_SETTINGS: Readonly<TableSettings> = Object.freeze({
  snapTolerance: 3,
  joinTolerance: 3,
  intersectionTolerance: 3,
  minRuleLength: 3,
  borderCoverage: 0.6,
  minCells: 2,
  streamMinRows: 3,
  streamMinCols: 2,
  streamMinGap: 8,
  streamMinWords: 6,
  streamMinColumnFill: 0.5,
  streamMaxRowGap: 2.5,
  pageJoinTolerance: 3,
  pageMarginFraction: 0.12,
  lineOverlap: 0.5,
  spaceGapEm: 0.15,
});

export function resolveSettings(s?: Partial<TableSettings>): TableSettings {
  return { ...DEFAULT_TABLE_SETTINGS, ...(s ?? {}) };
}
