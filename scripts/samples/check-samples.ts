/**
 * Self-check of samples/: every PDF opens with pdfjs (legacy build, CMaps), every page has text
 * items, no Kangxi/CJK-supplement radicals stand in for ideographs, and the names written in
 * samples/expected/<doc_id>.json (project, unit, indicators, budget lines) occur in the text.
 *
 *   npm run build && node dist/scripts/samples/check-samples.js
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ALL_SAMPLES } from './registry.js';

const root = resolve(process.env.SAMPLES_ROOT ?? process.cwd());
const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')) + '/';
const squash = (s: string): string => s.replace(/\s+/g, '').replace(/≧/g, '≥').replace(/≦/g, '≤');

let failures = 0;
const fail = (id: string, msg: string): void => {
  failures++;
  console.log(`FAIL ${id}: ${msg}`);
};

async function pdfText(file: string, id: string): Promise<string> {
  const task = getDocument({
    data: new Uint8Array(readFileSync(file)),
    cMapUrl: pdfjsDir + 'cmaps/',
    cMapPacked: true,
    standardFontDataUrl: pdfjsDir + 'standard_fonts/',
    wasmUrl: pdfjsDir + 'wasm/',
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    const items = tc.items.filter((it) => 'str' in it);
    if (items.length === 0) fail(id, `page ${i} has no text items`);
    text += items.map((it) => ('str' in it ? it.str : '')).join('');
    page.cleanup();
  }
  await task.destroy();
  return text;
}

for (const s of ALL_SAMPLES) {
  const file = join(root, 'samples', `${s.docId}.${s.kind === 'seed' ? 'txt' : 'pdf'}`);
  const text = squash(s.kind === 'seed' ? readFileSync(file, 'utf8') : await pdfText(file, s.docId));
  if (/[\u2e80-\u2fdf]/u.test(text)) fail(s.docId, 'radical code points in the text layer');
  const want: string[] = [];
  for (const p of s.expected.projects) {
    if (p.project_name) want.push(p.project_name);
    if (p.unit) want.push(p.unit);
    for (const i of p.indicators ?? []) want.push(i.name);
    for (const l of p.budget_lines ?? []) want.push(l.name.replace(/:/g, ''));
  }
  const colonless = text.replace(/[:：]/g, '');
  const missing = want.filter((w) => !colonless.includes(squash(w).replace(/[:：]/g, '')));
  // seeds are torn extractions: names may be split there, so only report them
  if (missing.length > 0 && s.kind !== 'seed') fail(s.docId, `not found in the text: ${missing.join(' | ')}`);
  else console.log(`ok   ${s.docId}${missing.length ? ` (torn in the seed: ${missing.join(' | ')})` : ''}`);
}
if (failures > 0) {
  console.log(`${failures} problem(s)`);
  process.exit(1);
}
