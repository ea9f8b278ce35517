/**
 * Writes samples/: copies of the seed extractions, office-suite PDFs of the rebuilt and made-up
 * filings (ODF → LibreOffice headless → PDF), a PDF with a non-embedded CID font written byte by
 * byte, and samples/expected/<doc_id>.json for every sample.
 *
 *   npm run samples            (build, then node dist/scripts/samples/make-samples.js)
 *   SEEDS_DIR=… SOFFICE=… ONLY=doc_id,doc_id node dist/scripts/samples/make-samples.js
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderFodt } from './fodt.js';
import { ALL_SAMPLES } from './registry.js';

const root = resolve(process.env.SAMPLES_ROOT ?? process.cwd());
const outDir = join(root, 'samples');
const expDir = join(outDir, 'expected');
const seedsDir = process.env.SEEDS_DIR ?? '/work/shared/seeds';
const soffice = process.env.SOFFICE ?? 'soffice';
const only = process.env.ONLY ? new Set(process.env.ONLY.split(',')) : null;

mkdirSync(expDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'jixiao-samples-'));
const odfFiles: string[] = [];

for (const s of ALL_SAMPLES) {
  if (only && !only.has(s.docId)) continue;
  writeFileSync(join(expDir, `${s.docId}.json`), JSON.stringify(s.expected, null, 2) + '\n');
  if (s.kind === 'seed') {
    const from = join(seedsDir, s.seed);
    if (existsSync(from)) {
      copyFileSync(from, join(outDir, `${s.docId}.txt`));
      chmodSync(join(outDir, `${s.docId}.txt`), 0o644);
    }
    else if (!existsSync(join(outDir, `${s.docId}.txt`))) throw new Error(`seed not found: ${from}`);
  } else if (s.kind === 'odf') {
    const f = join(work, `${s.docId}.fodt`);
    writeFileSync(f, renderFodt(s.doc()));
    odfFiles.push(f);
  } else {
    writeFileSync(join(outDir, `${s.docId}.pdf`), s.bytes());
  }
  console.log(`${s.kind.padEnd(4)} ${s.docId}`);
}

if (odfFiles.length > 0) {
  // a private LibreOffice profile, so that a running office (or another generator) does not interfere
  const profile = `file://${join(work, 'lo-profile')}`;
  execFileSync(
    soffice,
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, ...odfFiles],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (const f of odfFiles) {
    const pdf = f.replace(/\.fodt$/, '.pdf');
    if (!existsSync(pdf) || readFileSync(pdf).length === 0) throw new Error(`LibreOffice did not convert ${f}`);
    const dest = join(outDir, pdf.slice(work.length + 1));
    copyFileSync(pdf, dest + '.tmp');
    renameSync(dest + '.tmp', dest);
  }
  if (process.env.KEEP_FODT) for (const f of odfFiles) copyFileSync(f, join(process.env.KEEP_FODT, f.slice(work.length + 1)));
}
rmSync(work, { recursive: true, force: true });
console.log(`samples written to ${outDir}`);
