const rss = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
console.log('start', rss());
const db = await import('./dist/src/database/index.js'); console.log('import', rss());
let t = performance.now(); await db.databaseBytes([]); console.log('empty db', rss(), (performance.now() - t).toFixed(0), 'ms');
const { readFileSync, readdirSync } = await import('node:fs');
const { tablesOf } = await import('./dist/src/pipeline/finish.js');
const recs = readdirSync('/tmp/s6o1/json').map((f) => JSON.parse(readFileSync('/tmp/s6o1/json/' + f, 'utf8')));
t = performance.now(); await db.databaseBytes(tablesOf(recs)); console.log('full db', rss(), (performance.now() - t).toFixed(0), 'ms');
