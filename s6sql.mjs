const t0 = performance.now(); let c0 = process.cpuUsage();
const db = await import('./dist/src/database/index.js');
let c = process.cpuUsage(c0); console.log('import ms', (performance.now()-t0).toFixed(0), 'cpu', ((c.user+c.system)/1000).toFixed(0));
const { readFileSync } = await import('node:fs');
const { tablesOf } = await import('./dist/src/pipeline/finish.js');
const recs = (await import('node:fs')).readdirSync('/tmp/s6o1/json').map((f) => JSON.parse(readFileSync('/tmp/s6o1/json/' + f, 'utf8')));
const tables = tablesOf(recs);
for (let i = 0; i < 3; i++) { const t = performance.now(); c0 = process.cpuUsage(); const b = await db.databaseBytes(tables); c = process.cpuUsage(c0); console.log('databaseBytes ms', (performance.now()-t).toFixed(0), 'cpu', ((c.user+c.system)/1000).toFixed(0), b.length); }
