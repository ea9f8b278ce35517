/**
 * Writes samples-linked/ (beside samples/, not under it: `extract samples` takes every file under samples/): the linked filings of ./filings.ts (ODF → LibreOffice headless → PDF,
 * or copies of other samples) and expected-links.json.
 *
 *   npm run build && node dist/scripts/samples/linked/make-linked.js     (SOFFICE=… to choose the office)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { renderFodt } from '../fodt.js';
import { EXPECTED_LINKS, LINKED_FILINGS } from './filings.js';

const root = resolve(process.env.SAMPLES_ROOT ?? process.cwd());
const outDir = join(root, 'samples-linked');
const soffice = process.env.SOFFICE ?? 'soffice';
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'jixiao-linked-'));
const odf: string[] = [];
for (const f of LINKED_FILINGS) {
  if (f.doc) {
    const path = join(work, `${f.docId}.fodt`);
    writeFileSync(path, renderFodt(f.doc()));
    odf.push(path);
  }
}
if (odf.length) {
  execFileSync(soffice, [`-env:UserInstallation=file://${join(work, 'lo-profile')}`, '--headless', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, ...odf], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (const f of odf) {
    const pdf = f.replace(/\.fodt$/, '.pdf');
    if (!existsSync(pdf) || readFileSync(pdf).length === 0) throw new Error(`LibreOffice did not convert ${f}`);
    const dest = join(outDir, pdf.slice(work.length + 1));
    copyFileSync(pdf, `${dest}.tmp`);
    renameSync(`${dest}.tmp`, dest);
  }
}
for (const f of LINKED_FILINGS) {
  if (!f.copyOf) continue;
  const from = join(outDir, f.copyOf);
  copyFileSync(from, join(outDir, `${f.docId}${extname(f.copyOf)}`));
}
writeFileSync(join(outDir, 'expected-links.json'), `${JSON.stringify(EXPECTED_LINKS, null, 2)}\n`);
rmSync(work, { recursive: true, force: true });
console.log(`linked samples written to ${outDir}`);
