const rss = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const m = await import('./dist/src/review/index.js');
console.log('after import', rss());
await m.warmUpFontSubset();
console.log('after warm-up', rss());
global.gc?.(); await new Promise((r) => setTimeout(r, 200)); console.log('after gc', rss());
