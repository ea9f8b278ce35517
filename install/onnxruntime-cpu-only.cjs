#!/usr/bin/env node
/**
 * jixiao's `preinstall`: keeps onnxruntime-node's postinstall from downloading GPU provider
 * libraries that jixiao never loads, so that a plain `npm install -g jixiao-<v>.tgz` (or
 * `npm install jixiao` in a project) fetches nothing from outside the npm registry.
 *
 * Why this works (npm 10 and 11, @npmcli/arborist `rebuild`): in an install that puts jixiao
 * into a tree as a package (global or dependent install), npm runs the `preinstall` of every
 * new package, then links bins, then every `install`, then every `postinstall`. So this runs
 * after onnxruntime-node is unpacked and before its postinstall (`script/install.js`). That
 * script downloads, on linux/x64 only, the CUDA 12 / TensorRT provider libraries from NuGet
 * (hundreds of MB; `getaddrinfo ENOTFOUND` on a machine that reaches only the npm registry, which
 * fails the whole install) unless ONNXRUNTIME_NODE_INSTALL=skip is set or the three files it
 * would fetch already exist. jixiao runs onnxruntime on the CPU only (src/ocr); the CPU runtime is
 * inside the npm package. So this writes the three files as short text placeholders that say
 * what they are; a program that asks this onnxruntime-node for the CUDA provider gets a clear
 * load error instead of a GPU.
 *
 * It does nothing when the user chose otherwise (ONNXRUNTIME_NODE_INSTALL or
 * ONNXRUNTIME_NODE_INSTALL_CUDA, or their npm config forms, set to anything), when
 * onnxruntime-node cannot be found from here, on any platform other than linux/x64 (nothing is
 * downloaded there), or when the files exist. It never fails the install: any error is printed
 * as one line and the script exits 0.
 *
 * Inside this project's own checkout (`npm install` / `npm ci` here), npm runs the root package's
 * preinstall after reifying the tree, i.e. after the dependencies' postinstalls: it cannot help
 * there, which is why `.ci/run` and the README set ONNXRUNTIME_NODE_INSTALL=skip for that case.
 *
 * Plain CommonJS with no dependencies: it runs before anything is built.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** The files onnxruntime-node's install-metadata.js lists for linux/x64 ('cuda12' manifest). */
const GPU_PROVIDER_FILES = [
  'libonnxruntime_providers_cuda.so',
  'libonnxruntime_providers_shared.so',
  'libonnxruntime_providers_tensorrt.so',
];

const USER_CHOICE_VARIABLES = [
  'ONNXRUNTIME_NODE_INSTALL',
  'npm_config_onnxruntime_node_install',
  'ONNXRUNTIME_NODE_INSTALL_CUDA',
  'npm_config_onnxruntime_node_install_cuda',
];

const PLACEHOLDER =
  'Placeholder written by jixiao\'s preinstall (install/onnxruntime-cpu-only.cjs): jixiao runs\n' +
  'onnxruntime on the CPU only, so the CUDA/TensorRT provider was not downloaded from NuGet.\n' +
  'For GPU providers, reinstall with ONNXRUNTIME_NODE_INSTALL=cuda12 set.\n';

function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return;
  if (USER_CHOICE_VARIABLES.some((name) => process.env[name] !== undefined && process.env[name] !== '')) return;
  let ortPackageJson;
  try {
    ortPackageJson = require.resolve('onnxruntime-node/package.json', { paths: [path.join(__dirname, '..')] });
  } catch {
    return; // not unpacked here: nothing to do
  }
  const binFolder = path.join(path.dirname(ortPackageJson), 'bin', 'napi-v6', 'linux', 'x64');
  if (!fs.existsSync(binFolder)) return; // another layout: leave it to onnxruntime-node
  for (const name of GPU_PROVIDER_FILES) {
    const file = path.join(binFolder, name);
    if (fs.existsSync(file)) continue;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, PLACEHOLDER);
    fs.renameSync(tmp, file);
  }
}

try {
  main();
} catch (err) {
  console.error(`jixiao preinstall: left onnxruntime-node's postinstall as it is (${err && err.message ? err.message : err})`);
}
