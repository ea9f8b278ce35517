// Run by offline.test.ts in a child process with no-network.cjs preloaded: loads the engines
// (transpiled to JavaScript in argv[2]), reads a fixture with each, prints the words as JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';

const [, , engineDir, fixture] = process.argv;
const { createOcrEngine, OCR_ENGINES } = await import(join(engineDir, 'index.js'));
const img = await loadImage(readFileSync(fixture));
const canvas = createCanvas(img.width, img.height);
const ctx = canvas.getContext('2d');
ctx.drawImage(img, 0, 0);
const data = ctx.getImageData(0, 0, img.width, img.height);
const image = { width: data.width, height: data.height, data: data.data };
const out = {};
for (const name of OCR_ENGINES) {
  const engine = await createOcrEngine(name, { threads: 1 });
  try {
    out[name] = (await engine.recognize(image, { mode: 'page', dpi: 150 })).map((w) => w.text);
  } finally {
    await engine.terminate();
  }
}
process.stdout.write(`${JSON.stringify(out)}\n`);
