/**
 * The batch's main process imports the end-of-run writers (finish.ts) while its documents run,
 * but the heavy libraries of writers it may not need load only when they are used: the canvas
 * library (report crops are drawn by the workers), the report's font subsetter (the report is
 * made on its own thread) and exceljs (only with the workbook). Loading the canvas library
 * alone took ~0.6 s of CPU in the CLI.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function loadedAfterImporting(file: string, then = ''): string[] {
  const url = pathToFileURL(join(process.cwd(), 'dist', 'src', file)).href;
  const script = `import(${JSON.stringify(url)}).then(async (m) => { ${then}; const { createRequire } = await import('node:module'); const req = createRequire(import.meta.url); console.log(JSON.stringify(Object.keys(req.cache))); })`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as string[];
}

const heavy = (mods: string[]) => ({
  canvas: mods.some((m) => m.includes('@napi-rs/canvas')),
  subsetFont: mods.some((m) => m.includes('/subset-font/')),
  exceljs: mods.some((m) => m.includes('/exceljs/')),
});

describe('the end-of-run writers load their libraries on use', () => {
  it('importing finish.js loads neither the canvas library, the font subsetter nor exceljs', () => {
    expect(existsSync(join('dist', 'src', 'pipeline', 'finish.js'))).toBe(true); // npx tsc -p tsconfig.json first
    expect(heavy(loadedAfterImporting('pipeline/finish.js'))).toEqual({ canvas: false, subsetFont: false, exceljs: false });
  });

  it('preloadWriters loads exceljs when the workbook is wanted', () => {
    const mods = loadedAfterImporting('pipeline/finish.js', 'm.preloadWriters({ xlsx: true }); await new Promise((r) => setTimeout(r, 1000))');
    expect(heavy(mods).exceljs).toBe(true);
  });
});
