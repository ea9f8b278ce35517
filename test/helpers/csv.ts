/** Read an output CSV in tests: checks the BOM, returns the raw cells (formula guard kept) keyed by header. */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/emit/csv.js';

export interface CsvFile {
  header: string[];
  rows: Record<string, string>[];
}

export function readCsvFile(path: string): CsvFile {
  const buf = readFileSync(path);
  if (!(buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)) throw new Error(`${path}: no BOM`);
  const [header, ...body] = parseCsv(buf.toString('utf8').slice(1));
  const rows = body.map((r) => {
    if (r.length !== header.length) throw new Error(`${path}: row has ${r.length} cells, header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
  return { header, rows };
}
