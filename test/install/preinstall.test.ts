/**
 * jixiao's preinstall (install/onnxruntime-cpu-only.cjs) against onnxruntime-node's real install
 * script, in a small tree laid out as npm lays out a dependent install
 * (`<tmp>/node_modules/jixiao`, `<tmp>/node_modules/onnxruntime-node` with the installed package's
 * package.json and script/ folder, and an empty linux/x64 bin folder), with no ONNXRUNTIME_* or
 * npm_* variable set and every download sent to a closed port (GLOBAL_AGENT_HTTPS_PROXY, which
 * onnxruntime-node's downloader honours):
 * - without jixiao's preinstall, onnxruntime-node's install script tries to download and fails
 *   (what a plain `npm install -g` did before);
 * - after it, the same script exits 0 having fetched nothing;
 * - a user's explicit ONNXRUNTIME_NODE_INSTALL choice is left alone (no placeholders written).
 * The npm installs themselves are in global-install.test.ts. Linux x64 only (nothing is
 * downloaded elsewhere).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';
const ORT = join(ROOT, 'node_modules', 'onnxruntime-node');
const PROVIDERS = ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so', 'libonnxruntime_providers_tensorrt.so'];

let tmp: string;

/** A fresh tree: node_modules/jixiao/install/…cjs and node_modules/onnxruntime-node (no GPU files). */
function makeTree(name: string): { jixiao: string; ort: string; bin: string } {
  const root = join(tmp, name);
  const jixiao = join(root, 'node_modules', 'jixiao');
  const ort = join(root, 'node_modules', 'onnxruntime-node');
  cpSync(join(ROOT, 'install'), join(jixiao, 'install'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(jixiao, 'package.json'));
  cpSync(join(ORT, 'package.json'), join(ort, 'package.json'));
  cpSync(join(ORT, 'script'), join(ort, 'script'), { recursive: true });
  const bin = join(ort, 'bin', 'napi-v6', 'linux', 'x64');
  mkdirSync(bin, { recursive: true });
  return { jixiao, ort, bin };
}

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !/^ONNXRUNTIME_/i.test(k) && !/^GLOBAL_AGENT_/.test(k)) e[k] = v;
  // the install script's own dependencies (adm-zip, global-agent) from this checkout
  e.NODE_PATH = [join(ORT, 'node_modules'), join(ROOT, 'node_modules')].join(':');
  e.GLOBAL_AGENT_HTTPS_PROXY = 'http://127.0.0.1:9';
  e.GLOBAL_AGENT_HTTP_PROXY = 'http://127.0.0.1:9';
  return { ...e, ...extra };
}

function node(script: string, cwd: string, extra: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [script], { cwd, env: env(extra), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'jixiao-preinstall-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

(onLinuxX64 ? describe : describe.skip)('preinstall keeps onnxruntime-node from downloading GPU providers', () => {
  it('without it, onnxruntime-node\'s install script tries a download (and fails here)', () => {
    const { ort, bin } = makeTree('without');
    const r = node(join(ort, 'script', 'install.js'), ort);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|nuget/i);
    expect(readdirSync(bin)).toEqual([]);
  });

  it('after it, the same script exits 0 having fetched nothing; the GPU files are text placeholders', () => {
    const { jixiao, ort, bin } = makeTree('with');
    const pre = node(join(jixiao, 'install', 'onnxruntime-cpu-only.cjs'), jixiao);
    expect(pre).toEqual({ code: 0, out: '' });
    expect(readdirSync(bin).sort()).toEqual(PROVIDERS);
    for (const f of PROVIDERS) expect(readFileSync(join(bin, f), 'utf8')).toMatch(/^Placeholder written by jixiao's preinstall/);
    const r = node(join(ort, 'script', 'install.js'), ort);
    expect(r.out).not.toMatch(/Downloading|ECONNREFUSED|ENOTFOUND|nuget/i);
    expect(r.code).toBe(0);
    // run twice (npm rebuild): still nothing to do, nothing rewritten
    expect(node(join(jixiao, 'install', 'onnxruntime-cpu-only.cjs'), jixiao)).toEqual({ code: 0, out: '' });
  });

  it('leaves a user\'s explicit choice alone', () => {
    for (const [name, value] of [['ONNXRUNTIME_NODE_INSTALL', 'cuda12'], ['ONNXRUNTIME_NODE_INSTALL', 'skip'], ['npm_config_onnxruntime_node_install_cuda', 'true']] as const) {
      const { jixiao, bin } = makeTree(`choice-${name}-${value}`);
      const pre = node(join(jixiao, 'install', 'onnxruntime-cpu-only.cjs'), jixiao, { [name]: value });
      expect(pre.code).toBe(0);
      expect(readdirSync(bin)).toEqual([]);
    }
  });

  it('never fails the install when onnxruntime-node is not there', () => {
    const lone = join(tmp, 'lone', 'node_modules', 'jixiao');
    cpSync(join(ROOT, 'install'), join(lone, 'install'), { recursive: true });
    expect(node(join(lone, 'install', 'onnxruntime-cpu-only.cjs'), lone)).toEqual({ code: 0, out: '' });
    expect(existsSync(join(tmp, 'lone', 'node_modules', 'onnxruntime-node'))).toBe(false);
  });
});
