const rss = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const { embeddedFontCss } = await import('./dist/src/review/font.js');
console.log('start', rss());
await embeddedFontCss('A'); console.log('after A', rss());
await embeddedFontCss('项'); console.log('after 项', rss());
await embeddedFontCss('项目绩效'); console.log('after more', rss());
const html = (await import('node:fs')).readFileSync('/tmp/s6o1/report.html', 'utf8').replace(/@font-face\{[^}]*\}/g, '').replace(/data:[^")']*/g, '');
await embeddedFontCss(html); console.log('after full', rss());
