import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
const wb = await import('./dist/src/workbook/index.js');
const recs = readdirSync('/tmp/s6o1/json').sort().map((f) => JSON.parse(readFileSync('/tmp/s6o1/json/' + f, 'utf8')));
const { initSqlJsOnly } = {};
for (let i = 0; i < 3; i++) { mkdirSync('/tmp/s6xl' + i, { recursive: true }); const t = performance.now(); const c0 = process.cpuUsage(); await wb.writeWorkbook('/tmp/s6xl' + i, i === 0 ? recs.slice(0, 1) : recs); const c = process.cpuUsage(c0); console.log(i === 0 ? 'one record' : 'all', 'ms', (performance.now()-t).toFixed(0), 'cpu', ((c.user+c.system)/1000).toFixed(0)); }
