/**
 * jest's node environment with the host realm's typed arrays. onnxruntime-node hands back output
 * tensors whose data was allocated in Node's main realm, while onnxruntime-common, evaluated inside
 * jest's vm context, checks `data instanceof Float32Array` against the context's own constructor
 * and throws "A float32 tensor's data must be type of Float32Array". Outside jest there is one
 * realm and nothing to fix. Set as the testEnvironment of every suite in jest.config.js.
 */
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

class OnnxEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) {
      if (globalThis[name] !== undefined) this.global[name] = globalThis[name];
    }
  }
}

module.exports = OnnxEnvironment;
