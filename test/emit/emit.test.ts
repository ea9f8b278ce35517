import { describe, expect, it, beforeAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DocumentRecord, Flag } from '../../schemas/record.js';
import { COLUMNS, CSV_FILES, guardCell, readCsv, unguardCell, writeOutputs } from '../../src/emit/index.js';
import { checkedRecord, n, narrative, project, t } from '../checks/fixtures.js';

function record(docId: string, patch: Partial<DocumentRecord> = {}): DocumentRecord {
  const p = project(1, {
    unit: t('武汉市洪山区医疗保障局'),
    project_name: { value: '打击欺诈骗取医保, "专项"\n第二行', src: { raw: 'x' } },
    fiscal_year: n('2019'),
    budget_wan: n('40'),
    executed_wan: n('39.96'),
    execution_rate_reported: n('98%'),
    score_reported: n('99.03'),
    grade_reported: t('中'),
    budget_lines: [{ kind: 'funding_source', name: t('-abc'), amount_wan: n('-5') }],
    indicators: [
      {
        level1: t('产出指标'),
        level2: t('质量指标'),
        name: t('@覆盖率'),
        target: t('=100%'),
        actual: t('+95%'),
        weight: n('10'),
        score_reported: n('9.5'),
        note: { value: '\t备注', src: { raw: '\t备注' } },
        met: null,
      },
    ],
    scores: [{ section: '项目资金', item: t('年度资金总额'), role: 'budget_execution', weight: n('20'), score_reported: n('19.98'), score_recomputed: null }],
    narrative: narrative({ named_units: [t('洪山区司法局')] }),
  });
  return checkedRecord(docId, [p], { source_file: `samples/${docId}.txt`, sha256: 'a'.repeat(64), ...patch });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'jixiao-emit-'));
/** Files and a digest of their bytes (short diffs on failure). */
const snapshot = (dir: string) =>
  Object.fromEntries(
    [...CSV_FILES, ...readdirSync(join(dir, 'json')).map((f) => `json/${f}`)].map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]),
  );

describe('guardCell', () => {
  it('guards formula starts that are not numbers', () => {
    expect(guardCell('=100%')).toBe("'=100%");
    expect(guardCell('-5')).toBe('-5');
    expect(guardCell('+3.5%')).toBe('+3.5%');
    expect(guardCell('-abc')).toBe("'-abc");
    expect(guardCell('@x')).toBe("'@x");
    expect(guardCell('\tx')).toBe("'\tx");
    expect(guardCell('abc')).toBe('abc');
    expect(unguardCell(guardCell("'=x"))).toBe("'=x");
    expect(unguardCell("'=100%")).toBe('=100%');
    for (const v of ["''abc", "'abc", "''=x", '-5', '=1', "'", '']) expect(unguardCell(guardCell(v))).toBe(v);
  });
});

describe('writeOutputs', () => {
  const dir = tmp();
  const aDoc = record('a-doc');
  const zDoc = record('z-doc');
  const failed = record('b-failed', { status: 'failed', error: 'no text\nat all', projects: [], flags: [], doc_type: 'unknown' });
  beforeAll(async () => {
    await writeOutputs(dir, [zDoc, failed, aDoc]);
  });

  it('writes the six files with BOM and the contract columns first, in order', () => {
    for (const f of CSV_FILES) {
      const buf = readFileSync(join(dir, f));
      expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const { header } = readCsv(join(dir, f));
      expect(header.slice(0, COLUMNS[f].length)).toEqual([...COLUMNS[f]]);
      expect(buf.toString('utf8')).toMatch(/\r\n$/);
    }
  });

  it('sorts documents by doc_id and counts projects and flags', () => {
    const docs = readCsv(join(dir, 'documents.csv')).rows;
    expect(docs.map((d) => d.doc_id)).toEqual(['a-doc', 'b-failed', 'z-doc']);
    expect(docs[1].error).toBe('no text at all');
    expect(docs[0].projects).toBe('1');
    expect(Number(docs[0].flags)).toBeGreaterThan(0);
    const proj = readCsv(join(dir, 'projects.csv')).rows;
    expect(proj[0].flags).toBe(docs[0].flags);
    expect(proj[0].execution_rate_reported).toBe('0.98');
    expect(proj[0].execution_rate_recomputed).toBe('0.999');
    expect(proj[0].grade_expected).toBe('优');
    expect(proj[0].pages).toBeUndefined();
  });

  it('quotes commas, quotes and newlines (RFC 4180) and reads them back', () => {
    const raw = readFileSync(join(dir, 'projects.csv'), 'utf8');
    expect(raw).toContain('"打击欺诈骗取医保, ""专项""\n第二行"');
    expect(readCsv(join(dir, 'projects.csv')).rows[0].project_name).toBe('打击欺诈骗取医保, "专项"\n第二行');
  });

  it('guards formula-looking text cells, not numbers', () => {
    const raw = readFileSync(join(dir, 'indicators.csv'), 'utf8');
    expect(raw).toContain(",'=100%,");
    expect(raw).toContain(",+95%,");
    expect(raw).toContain("'@覆盖率");
    const lines = readFileSync(join(dir, 'budget_lines.csv'), 'utf8');
    expect(lines).toContain(",'-abc,-5");
    const ind = readCsv(join(dir, 'indicators.csv')).rows[0];
    expect([ind.target, ind.name, ind.note, ind.weight, ind.met]).toEqual(['=100%', '@覆盖率', '\t备注', '10', 'false']);
  });

  it('writes validated pretty JSON in schema key order for every record', () => {
    expect(readdirSync(join(dir, 'json')).sort()).toEqual(['a-doc.json', 'b-failed.json', 'z-doc.json']);
    const text = readFileSync(join(dir, 'json', 'a-doc.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "schema_version": 1,');
    expect(Object.keys(JSON.parse(text))[0]).toBe('schema_version');
  });

  it('leaves no temporary files', () => {
    const all = [...readdirSync(dir), ...readdirSync(join(dir, 'json'))];
    expect(all.filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('is deterministic: the same records give the same bytes, in any input order', async () => {
    const other = tmp();
    await writeOutputs(other, [aDoc, zDoc, failed]);
    expect(snapshot(other)).toEqual(snapshot(dir));
    await writeOutputs(other, [failed, zDoc, aDoc]);
    expect(snapshot(other)).toEqual(snapshot(dir));
  });

  it('a rerun replaces the files and removes json of documents not in the run', async () => {
    const other = tmp();
    await writeOutputs(other, [aDoc, zDoc]);
    writeFileSync(join(other, 'json', 'notes.txt'), 'keep me');
    await writeOutputs(other, [zDoc]);
    expect(readdirSync(join(other, 'json')).sort()).toEqual(['notes.txt', 'z-doc.json']);
    expect(readCsv(join(other, 'documents.csv')).rows.map((d) => d.doc_id)).toEqual(['z-doc']);
  });

  it('throws with the zod message on a record that does not validate, writing nothing', async () => {
    const other = tmp();
    const bad = record('bad', { sha256: 'xyz' });
    await expect(writeOutputs(other, [bad])).rejects.toThrow(/bad.*sha256/s);
    expect(existsSync(join(other, 'documents.csv'))).toBe(false);
    const badFlag = record('bad2');
    badFlag.flags = [{ ...badFlag.flags[0], code: 'NOPE' } as unknown as Flag];
    await expect(writeOutputs(other, [badFlag])).rejects.toThrow(/code/);
  });

  it('refuses duplicate doc_ids', async () => {
    await expect(writeOutputs(tmp(), [record('a'), record('a')])).rejects.toThrow(/twice/);
  });

  it('is accepted by the contract referee', () => {
    const checker = resolve(process.cwd(), '../shared/tools/check-contract.mjs');
    if (!existsSync(checker)) {
      console.warn(`skipped: ${checker} not found`);
      return;
    }
    const out = execFileSync(process.execPath, [checker, dir], { encoding: 'utf8' });
    expect(out).toMatch(/contract: OK/);
  });
});
