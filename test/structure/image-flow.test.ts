/**
 * Page images flow one way (docs/ARCHITECTURE.md): src/image (pixel buffers and preprocessing)
 * imports no stage that handles images, and src/render does not reach into src/ocr.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The src/ folders a file imports from (relative imports only). */
function importedStages(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)[^'"]*from\s+'(\.[^']+)'/g)) {
    const target = relative(SRC, resolve(dirname(file), m[1]));
    if (!target.startsWith('..')) out.push(target.split('/')[0]);
  }
  return out;
}

describe('page images flow one way', () => {
  it('src/image imports neither render, ocr nor review', () => {
    const bad = files(join(SRC, 'image')).flatMap((f) => importedStages(f).filter((s) => ['render', 'ocr', 'review'].includes(s)).map((s) => `${relative(SRC, f)} → ${s}`));
    expect(bad).toEqual([]);
  });

  it('src/render does not import src/ocr', () => {
    const bad = files(join(SRC, 'render')).flatMap((f) => importedStages(f).filter((s) => s === 'ocr').map((s) => `${relative(SRC, f)} → ${s}`));
    expect(bad).toEqual([]);
  });
});
