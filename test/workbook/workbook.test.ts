/**
 * jixiao.xlsx read back with exceljs and compared with the CSV files written for the same
 * records: sheets, headers, every cell (numbers as numbers), frozen header, autofilter,
 * highlighted cells with the flag messages as notes, values never formulas, same bytes twice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { extract, type DocumentRecord } from '../../src/index.js';
import { columnsOf, CSV_FILES, readCsv, writeOutputs } from '../../src/emit/index.js';
import { NUMERIC_COLUMNS, SEVERITY_FILL, SEVERITY_ROW_FILL, sheetName, workbookBuffer, writeWorkbook } from '../../src/workbook/index.js';

let records: DocumentRecord[];
let dir: string;
let wb: ExcelJS.Workbook;

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

function noteText(cell: ExcelJS.Cell): string {
  const n = cell.note as unknown;
  if (n == null) return '';
  if (typeof n === 'string') return n;
  const texts = (n as { texts?: { text: string }[] }).texts ?? [];
  return texts.map((t) => t.text).join('');
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.type === 'pattern' ? f.fgColor?.argb : undefined;
}

beforeAll(async () => {
  records = await extract('samples', { concurrency: 2 });
  dir = mkdtempSync(join(tmpdir(), 'jixiao-wb-'));
  await writeOutputs(dir, records);
  await writeWorkbook(dir, records);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'jixiao.xlsx'));
}, 600_000);

describe('jixiao.xlsx', () => {
  it('has one sheet per CSV, in order, and leaves no temporary file', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['documents', 'projects', 'indicators', 'budget_lines', 'scores', 'flags', 'links']);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('holds exactly the CSV cells, numbers as numbers and text as text', () => {
    for (const file of CSV_FILES) {
      const csv = readCsv(join(dir, file));
      const ws = wb.getWorksheet(sheetName(file))!;
      expect(csv.header).toEqual(columnsOf(file));
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(csv.header);
      expect(ws.actualRowCount).toBe(csv.rows.length + 1);
      const numeric = new Set(NUMERIC_COLUMNS[file]);
      csv.rows.forEach((row, i) => {
        const xrow = ws.getRow(i + 2);
        csv.header.forEach((c, j) => {
          const cell = xrow.getCell(j + 1);
          const want = row[c];
          const where = `${file} row ${i + 2} ${c}`;
          if (want === '') {
            expect([where, cell.value]).toEqual([where, null]);
          } else if (numeric.has(c) && PLAIN_NUMBER.test(want)) {
            expect([where, cell.type, cell.value]).toEqual([where, ExcelJS.ValueType.Number, Number(want)]);
          } else {
            expect([where, cell.type, cell.value]).toEqual([where, ExcelJS.ValueType.String, want]);
          }
        });
      });
    }
  });

  it('freezes the header row and puts a filter on it', () => {
    for (const file of CSV_FILES) {
      const ws = wb.getWorksheet(sheetName(file))!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      const n = columnsOf(file).length;
      const last = ws.getRow(1).getCell(n).address.replace(/\d+$/, '');
      expect(String(ws.autoFilter)).toBe(`A1:${last}1`);
      // widths follow the content (a column left at Excel's default width reads back undefined)
      expect(ws.getColumn(1).width).toBeGreaterThan(20); // doc_id
    }
    const projects = wb.getWorksheet('projects')!;
    expect(projects.getColumn(columnsOf('projects.csv').indexOf('project_name') + 1).width).toBeGreaterThan(20);
  });

  it('highlights the cell a flag points at and carries its message as a note', () => {
    const ws = wb.getWorksheet('projects')!;
    const cols = columnsOf('projects.csv');
    const doc = records.find((r) => r.doc_id === 'jinzhong-2020-self-eval-table')!;
    const grade = doc.flags.find((f) => f.code === 'GRADE')!;
    expect(grade).toBeDefined();
    let found = false;
    ws.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value !== doc.doc_id) return;
      found = true;
      const cell = row.getCell(cols.indexOf('grade_reported') + 1);
      expect(fillOf(cell)).toBe(SEVERITY_FILL.error);
      expect(noteText(cell)).toContain(grade.message);
      expect(noteText(cell)).toContain('GRADE');
      // a cell no flag points at stays plain
      expect(fillOf(row.getCell(cols.indexOf('budget_wan') + 1))).toBeUndefined();
      expect(noteText(row.getCell(cols.indexOf('budget_wan') + 1))).toBe('');
      // the project's flag count carries every message of the project
      expect(noteText(row.getCell(cols.indexOf('flags') + 1))).toContain(grade.message);
    });
    expect(found).toBe(true);
  });

  it('highlights qualified fields in the sheet the qualifier names', () => {
    const doc = records.find((r) => r.doc_id === 'jiujiang-2022-self-eval-report-faulty')!;
    const sum = doc.flags.find((f) => f.code === 'BUDGET_SUM' && f.field === 'amount_wan:sub_project');
    expect(sum).toBeDefined();
    const ws = wb.getWorksheet('budget_lines')!;
    const cols = columnsOf('budget_lines.csv');
    let lines = 0;
    ws.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value !== doc.doc_id || row.getCell(2).value !== sum!.project_seq) return;
      if (row.getCell(cols.indexOf('kind') + 1).value !== 'sub_project') return;
      lines++;
      const cell = row.getCell(cols.indexOf('amount_wan') + 1);
      expect(fillOf(cell)).toBe(SEVERITY_FILL.error);
      expect(noteText(cell)).toContain(sum!.message);
    });
    expect(lines).toBeGreaterThan(0);

    // a warning on an indicator's score: the indicators row, in the warning colour
    const hs = records.find((r) => r.doc_id === 'hongshan-2019-self-eval-report')!;
    const tm = hs.flags.find((f) => f.code === 'TARGET_MISSED')!;
    const name = tm.field.split(':')[1];
    const wi = wb.getWorksheet('indicators')!;
    const icols = columnsOf('indicators.csv');
    let hit = 0;
    wi.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value !== hs.doc_id || row.getCell(icols.indexOf('name') + 1).value !== name) return;
      hit++;
      const cell = row.getCell(icols.indexOf('score_reported') + 1);
      expect(fillOf(cell)).toBe(SEVERITY_FILL.warning);
      expect(noteText(cell)).toContain(tm.message);
    });
    expect(hit).toBeGreaterThan(0);
  });

  it('fills every row of the flags sheet by severity', () => {
    const ws = wb.getWorksheet('flags')!;
    const csv = readCsv(join(dir, 'flags.csv'));
    expect(csv.rows.length).toBeGreaterThan(0);
    csv.rows.forEach((r, i) => {
      const want = SEVERITY_ROW_FILL[r.severity as 'error' | 'warning'];
      expect(fillOf(ws.getRow(i + 2).getCell(1))).toBe(want);
    });
  });

  it('writes text that looks like a formula as a plain value', async () => {
    const r = structuredClone(records.find((x) => x.projects.length > 0)!);
    r.projects[0].project_name = { value: '=HYPERLINK("http://example.invalid","x")', src: { raw: 'x', line: 1 } };
    r.projects[0].unit = { value: '+1+2', src: { raw: 'x', line: 1 } };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbookBuffer([r])) as unknown as ArrayBuffer);
    const ws = book.getWorksheet('projects')!;
    const cols = columnsOf('projects.csv');
    const name = ws.getRow(2).getCell(cols.indexOf('project_name') + 1);
    const unit = ws.getRow(2).getCell(cols.indexOf('unit') + 1);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe('=HYPERLINK("http://example.invalid","x")');
    expect(name.formula).toBeUndefined();
    expect(unit.value).toBe('+1+2');
  });

  it('gives the same bytes for the same records, whatever the clock', async () => {
    const a = await workbookBuffer(records);
    await new Promise((res) => setTimeout(res, 2100)); // zip timestamps have 2 s resolution
    const b = await workbookBuffer([...records].reverse());
    expect(a.equals(b)).toBe(true);
  });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
