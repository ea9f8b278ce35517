/**
 * Time of `jixiao recheck` on a synthetic run of N documents (default 1000): records made from a
 * real run's json files (samples-linked/, or the folder given) with the doc_ids, project names,
 * units and years varied so that about a third of them link. Reports the recheck logic
 * (corrections, every per-document check, every link) and the writing of CSV + json, in ms.
 *
 *   npm run build && node dist/scripts/bench/recheck.js [--docs 1000] [--from <run-folder>]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DocumentRecord } from '../../schemas/record.js';
import { extract } from '../../src/index.js';
import { recheck, recheckRecords, parseCorrections } from '../../src/recheck/index.js';
import { writeOutputs } from '../../src/emit/index.js';

const { values } = parseArgs({ options: { docs: { type: 'string' }, from: { type: 'string' } } });
const N = Number(values.docs ?? 1000);
const base = await extract([values.from ?? 'samples-linked'], { concurrency: 2 });

const UNITS = ['天水市秦州区卫生健康局', '九江市濂溪区市场监督管理局', '宿迁市宿豫区水务局', '武汉市洪山区医疗保障局', '晋中市医疗保障局'];
const synthetic: DocumentRecord[] = [];
for (let i = 0; i < N; i++) {
  const r = structuredClone(base[i % base.length]);
  const group = Math.floor(i / base.length);
  r.doc_id = `s${String(i).padStart(5, '0')}-${r.doc_id}`;
  r.sha256 = (r.sha256.slice(0, 58) + String(i).padStart(6, '0')).slice(0, 64);
  for (const p of r.projects) {
    if (p.project_name) p.project_name = { ...p.project_name, value: `${p.project_name.value}${group % 7 === 0 ? '' : `第${group}批`}` };
    if (p.unit) p.unit = { ...p.unit, value: UNITS[group % UNITS.length] };
    if (p.fiscal_year) p.fiscal_year = { ...p.fiscal_year, value: p.fiscal_year.value + (group % 3) };
  }
  delete r.links;
  synthetic.push(r);
}

const out = mkdtempSync(join(tmpdir(), 'jixiao-bench-recheck-'));
try {
  await writeOutputs(out, synthetic);
  const target = synthetic[1];
  const corr = join(out, 'corrections.csv');
  writeFileSync(corr, `doc_id,project_seq,field,value,note\n${target.doc_id},1,budget_wan,1,bench\n`);
  const lines = parseCorrections(`doc_id,project_seq,field,value,note\n${target.doc_id},1,budget_wan,1,bench\n`);
  const runs: number[] = [];
  const cpu: number[] = [];
  let linked: DocumentRecord[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    const c = process.cpuUsage();
    linked = recheckRecords(synthetic, lines);
    const d = process.cpuUsage(c);
    runs.push(performance.now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  const links = linked.reduce((a, r) => a + (r.links?.length ?? 0), 0);
  const flags = linked.reduce((a, r) => a + r.flags.length, 0);
  const whole = await recheck(out, { corrections: corr, report: false, xlsx: false });
  runs.sort((a, b) => a - b);
  console.log(`recheck of ${N} documents (${synthetic.reduce((a, r) => a + r.projects.length, 0)} projects, ${links} links, ${flags} flags)`);
  console.log(`  logic (corrections + checks + links), in memory: wall median ${runs[2].toFixed(0)} ms, min ${runs[0].toFixed(0)} ms; CPU median ${cpu[2].toFixed(0)} ms, min ${cpu[0].toFixed(0)} ms over 5 runs`);
  console.log(`  (wall time counts waiting for a core: compare CPU time on a busy machine; load average now ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
  console.log(`  jixiao recheck on the folder (no report/xlsx): read ${whole.timings.read.toFixed(0)} ms, logic ${whole.timings.logic.toFixed(0)} ms, write CSV+json ${whole.timings.write.toFixed(0)} ms`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
