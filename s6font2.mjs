import { readFileSync } from 'node:fs';
const { embeddedFontCss } = await import('./dist/src/review/font.js');
const html = readFileSync('/tmp/s6o1/report.html', 'utf8').replace(/@font-face\{[^}]*\}/g, '').replace(/data:[^")']*/g, '');
let t = performance.now(); let c0 = process.cpuUsage();
await embeddedFontCss(process.argv[2] ?? 'A');
let c = process.cpuUsage(c0); console.log('warm-up ms', (performance.now() - t).toFixed(0), 'cpu', ((c.user + c.system) / 1000).toFixed(0));
t = performance.now(); c0 = process.cpuUsage();
await embeddedFontCss(html);
c = process.cpuUsage(c0); console.log('real ms', (performance.now() - t).toFixed(0), 'cpu', ((c.user + c.system) / 1000).toFixed(0));
