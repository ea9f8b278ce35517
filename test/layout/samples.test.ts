/**
 * Office-suite exports of real forms in samples/ (made by another part of the project):
 * checked only when present. Cells are looked up by their text, so that regenerated
 * samples with other page breaks still pass as long as the merged cells come back.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPdf } from '../../src/ingest/pdf-text/index.js';
import { layoutPages } from '../../src/layout/index.js';
import type { Cell, Table } from '../../src/model/layout.js';

const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples');

async function tablesOf(name: string): Promise<Table[]> {
  const doc = await ingestPdf(new Uint8Array(readFileSync(path.join(samples, name))));
  return layoutPages(doc.pages).blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
}

function find(ts: Table[], text: string): Cell & { table: Table } {
  for (const t of ts) {
    const c = t.cells.find((x) => x.text === text);
    if (c) return { ...c, table: t };
  }
  throw new Error(`no cell ${text}`);
}

const right = (t: Table, c: Cell) => t.cells.find((x) => x.row === c.row && x.col === c.col + c.colSpan);
const has = (name: string) => existsSync(path.join(samples, name));

describe('merged cells of real office-suite exports', () => {
  (has('suqian-2022-declaration-cidfont.pdf') ? it : it.skip)('suqian declaration (CID font, per-cell borders)', async () => {
    const ts = await tablesOf('suqian-2022-declaration-cidfont.pdf');
    expect(find(ts, '项目资金(万元)')).toMatchObject({ rowSpan: 4, colSpan: 1 });
    expect(find(ts, '绩效指标')).toMatchObject({ rowSpan: 9, colSpan: 1 });
    expect(find(ts, '产出指标')).toMatchObject({ rowSpan: 5 });
    const name = find(ts, '项目名称');
    expect(right(name.table, name)).toMatchObject({ text: '农村人居环境整治提升', colSpan: 5 });
    expect(find(ts, '≥1200户')).toMatchObject({ rowSpan: 1, colSpan: 1 });
  });

  (has('tianshui-2021-self-eval-table-national.pdf') ? it : it.skip)('tianshui national self-evaluation table across 2 pages', async () => {
    const ts = await tablesOf('tianshui-2021-self-eval-table-national.pdf');
    expect(ts).toHaveLength(1);
    expect(ts[0].pages).toEqual([1, 2]);
    expect(find(ts, '项目资金(万元)')).toMatchObject({ rowSpan: 5, colSpan: 1 });
    expect(find(ts, '年度总体目标')).toMatchObject({ rowSpan: 2 });
    const total = find(ts, '年度资金总额');
    expect(total.colSpan).toBe(2);
    expect(right(total.table, total)!.text).toBe('350.00');
    expect(find(ts, '总分')).toMatchObject({ colSpan: 6 });
    expect(find(ts, '城乡居民对基本公共卫生服务满意度').ref.page).toBe(2);
  });

  (has('hongshan-2021-declaration-rebuilt.pdf') ? it : it.skip)('hongshan declaration: one table over 2 pages with unequal column grids', async () => {
    const ts = await tablesOf('hongshan-2021-declaration-rebuilt.pdf');
    expect(ts).toHaveLength(1);
    expect(find(ts, '项目执行单位')).toMatchObject({ rowSpan: 1 });
    expect(find(ts, '项目资金来源')).toMatchObject({ rowSpan: 15 });
    expect(find(ts, '政策宣传活动次数').ref.page).toBe(2);
  });
});
