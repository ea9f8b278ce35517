const db = await import('./dist/src/database/index.js');
const { readFileSync, readdirSync } = await import('node:fs');
const { tablesOf } = await import('./dist/src/pipeline/finish.js');
const recs = readdirSync('/tmp/s6o1/json').map((f) => JSON.parse(readFileSync('/tmp/s6o1/json/' + f, 'utf8')));
let t = performance.now(); await db.databaseBytes(tablesOf(recs)); console.log('cold full db', (performance.now() - t).toFixed(0), 'ms');
