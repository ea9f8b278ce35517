/**
 * Writes the generated corpus: PDFs of made-up filings of every form family of
 * ../shared/FORMS.md from five producers, the expected record of each (docs/expected-format.md),
 * and corpus/manifest.json (family, producer, split, layout kinds, injected flag codes).
 *
 *   npm run corpus                      (build, then node dist/scripts/corpus/make-corpus.js)
 *   node dist/scripts/corpus/make-corpus.js [--n 200] [--seed 8] [--out corpus] [--only 1,2,3]
 *   node dist/scripts/corpus/make-corpus.js --scan [--out corpus]    (scanned twins, see scan.ts)
 *
 * Deterministic from the seed: the same seed gives the same documents and truth files (the PDF
 * bytes of the office and browser producers depend on their versions). The held-out split is
 * fixed by a hash of the doc_id (30%); no parser change is to be tuned on it.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILDERS, FAMILY_CODES, type Code } from './families.js';
import { PRODUCERS, type Family, type Filing, type ManifestEntry, type Producer } from './model.js';
import { Rand, hash32 } from './rand.js';
import { chromiumPrint, copyAtomic, reportlabPrint, sofficeConvert, toCidPdf, toFodt, toFods, toHtml } from './render/producers.js';

export const FAMILIES: Family[] = ['declaration', 'national', 'hubei', 'shanxi', 'sichuan', 'grid4', 'department', 'report'];
export const HELDOUT_PERCENT = 30;

/** The split of a doc_id: held-out when its FNV-1a hash mod 100 is below 30. */
export const splitOf = (docId: string): 'dev' | 'heldout' => (hash32(docId) % 100 < HELDOUT_PERCENT ? 'heldout' : 'dev');

export interface Planned {
  docId: string;
  family: Family;
  producer: Producer;
  filing: Filing;
  split: 'dev' | 'heldout';
}

/**
 * The codes to inject into documents 0..n-1: every second filing of a family is clean; the
 * others get the family's next code in turn and, seven times in ten, a second one: the family's
 * code injected least often so far (so that rare codes reach enough cases in both splits).
 */
export function assignCodes(seed: number, n: number): Code[][] {
  const count = new Map<Code, number>();
  const out: Code[][] = [];
  for (let i = 0; i < n; i++) {
    const family = FAMILIES[i % FAMILIES.length];
    const round = Math.floor(i / FAMILIES.length);
    const codes = FAMILY_CODES[family];
    if (round % 2 === 0) {
      out.push([]);
      continue;
    }
    const first = codes[Math.floor(round / 2) % codes.length];
    const chosen: Code[] = [first];
    if (new Rand(hash32(`${seed}:codes:${i}`)).chance(0.7)) {
      const rest = codes.filter((c) => c !== first).sort((a, b) => (count.get(a) ?? 0) - (count.get(b) ?? 0) || codes.indexOf(a) - codes.indexOf(b));
      if (rest.length) chosen.push(rest[0]);
    }
    for (const c of chosen) count.set(c, (count.get(c) ?? 0) + 1);
    out.push(chosen);
  }
  return out;
}

/** Plans document i (0-based) of a corpus: family, producer, the codes to inject (none = clean), then builds it. */
export function plan(seed: number, i: number, codes: readonly Code[]): Planned {
  const family = FAMILIES[i % FAMILIES.length];
  const round = Math.floor(i / FAMILIES.length);
  const producer = PRODUCERS[(i + round) % PRODUCERS.length];
  const r = new Rand(hash32(`${seed}:${i}`));
  const filing = BUILDERS[family](r, codes, { producer });
  const docId = `c${String(i + 1).padStart(3, '0')}-${family}-${producer}`;
  filing.expected.doc_id = docId;
  return { docId, family, producer, filing, split: splitOf(docId) };
}

function writeJson(path: string, v: unknown): void {
  writeFileSync(path + '.tmp', JSON.stringify(v, null, 2) + '\n');
  renameSync(path + '.tmp', path);
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string, dflt: string): string => {
    const k = argv.indexOf(name);
    return k >= 0 && argv[k + 1] ? argv[k + 1] : dflt;
  };
  const out = resolve(arg('--out', 'corpus'));
  if (argv.includes('--scan')) {
    const { makeScans } = await import('./scan.js');
    const seed = Number((JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { seed?: number }).seed ?? 8);
    await makeScans(out, argv, (i) => plan(seed, i, assignCodes(seed, i + 1)[i]));
    return;
  }
  const n = Number(arg('--n', '200'));
  const seed = Number(arg('--seed', '8'));
  const only = argv.includes('--only') ? new Set(arg('--only', '').split(',').map(Number)) : null;
  const work = mkdtempSync(join(tmpdir(), 'jixiao-corpus-'));
  const planned: Planned[] = [];
  const codes = assignCodes(seed, n);
  for (let i = 0; i < n; i++) if (!only || only.has(i + 1)) planned.push(plan(seed, i, codes[i]));
  for (const s of ['dev', 'heldout']) mkdirSync(join(out, s, 'expected'), { recursive: true });
  const dest = (p: Planned) => join(out, p.split, `${p.docId}.pdf`);
  const by = (prod: Producer) => planned.filter((p) => p.producer === prod);
  try {
    // office suite: writer and calc
    const fodt = by('lo-writer').map((p) => {
      const f = join(work, `${p.docId}.fodt`);
      writeFileSync(f, toFodt(p.filing.doc));
      return f;
    });
    sofficeConvert(fodt, work, 'writer_pdf_Export');
    for (const p of by('lo-writer')) copyAtomic(join(work, `${p.docId}.pdf`), dest(p));
    const fods = by('lo-calc').map((p) => {
      const f = join(work, `${p.docId}.fods`);
      writeFileSync(f, toFods(p.filing.doc));
      return f;
    });
    sofficeConvert(fods, work, 'calc_pdf_Export');
    for (const p of by('lo-calc')) copyAtomic(join(work, `${p.docId}.pdf`), dest(p));
    // browser
    await chromiumPrint(by('chromium').map((p) => ({ html: toHtml(p.filing.doc), pdf: dest(p), footer: p.filing.doc.footer, landscape: p.filing.doc.landscape })));
    // server writer with a non-embedded CID font
    for (const p of by('cid')) {
      writeFileSync(dest(p) + '.tmp', toCidPdf(p.filing.doc));
      renameSync(dest(p) + '.tmp', dest(p));
    }
    // reportlab
    reportlabPrint(by('reportlab').map((p) => ({ doc: p.filing.doc, pdf: dest(p) })), work);
  } finally {
    if (!process.env.KEEP_WORK) rmSync(work, { recursive: true, force: true });
    else console.log(`work folder kept: ${work}`);
  }
  const manifestPath = join(out, 'manifest.json');
  const old: { documents: ManifestEntry[] } = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { documents: [] };
  const entries = new Map(old.documents.map((e) => [e.doc_id, e]));
  for (const p of planned) {
    writeJson(join(out, p.split, 'expected', `${p.docId}.json`), p.filing.expected);
    const pages = (readFileSync(dest(p), 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    entries.set(p.docId, {
      doc_id: p.docId,
      family: p.family,
      producer: p.producer,
      split: p.split,
      kinds: [...new Set(p.filing.kinds)].sort(),
      injected: p.filing.injected,
      pages,
    });
    console.log(`${p.split.padEnd(7)} ${p.docId}  ${p.filing.injected.join(',') || 'clean'}`);
  }
  const documents = [...entries.values()].sort((a, b) => a.doc_id.localeCompare(b.doc_id));
  writeJson(manifestPath, { seed, heldout_percent: HELDOUT_PERCENT, split_rule: 'FNV-1a 32-bit hash of doc_id, mod 100 < 30 → heldout', documents });
  console.log(`${planned.length} documents written to ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
