/**
 * What a user of the published package does, for real: `npm pack` the built checkout, then
 * `npm install -g <tarball>` into a fresh temporary prefix, from a folder outside the project
 * (so no project config applies) and with none of the npm_* / ONNXRUNTIME_* variables of
 * `npm test` set — with npm 11 (this machine's) and npm 10 (Node 20's bundled npm;
 * JIXIAO_NPM10_CLI names its npm-cli.js, else it is installed from the npm registry into a temp
 * folder) — and `npm install <tarball>` into a user's project. Then `jixiao --help` prints usage
 * and `extract` reads a text filing and (global installs) a scanned one (PP-OCR, models from the
 * installed package).
 *
 * No flag is given: both npm 10 and npm 11.19 run onnxruntime-node's postinstall in these
 * installs, which would download CUDA provider libraries from NuGet on Linux x64; jixiao's own
 * preinstall (install/onnxruntime-cpu-only.cjs) runs before it and leaves it nothing to fetch.
 * onnxruntime-node's downloader honours GLOBAL_AGENT_HTTPS_PROXY, which the installs here point at
 * a closed port, so any download it tried would fail the install even on a machine that reaches
 * NuGet. Nothing may come from outside the npm registry: no NuGet / DNS / proxy error, the CUDA
 * provider files are jixiao's placeholders, every URL npm fetched is on the registry, and every
 * install script in the installed tree is one of KNOWN_INSTALL_SCRIPTS.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI, ROOT } from '../helpers/cli.js';
import { KNOWN_INSTALL_SCRIPTS } from '../helpers/install-scripts.js';

const USAGE = 'jixiao extract <file-or-folder>... --out <dir>';

let tmp: string;
let tarball: string;

/** A user's shell: no npm_* or ONNXRUNTIME_* variables, this node first on PATH. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !/^ONNXRUNTIME_/i.test(k)) env[k] = v;
  env.PATH = `${dirname(process.execPath)}:${env.PATH ?? ''}`;
  return env;
}

function run(cmd: string, args: string[], cwd: string, timeout = 600_000, extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...userEnv(), ...extraEnv }, timeout });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** npm 10's npm-cli.js: JIXIAO_NPM10_CLI, or npm@10 installed from the registry into tmp. */
function npm10Cli(): string {
  const given = process.env.JIXIAO_NPM10_CLI;
  if (given && existsSync(given)) return given;
  const dir = join(tmp, 'npm10');
  const r = run('npm', ['install', '--prefix', dir, 'npm@10', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], tmp);
  if (r.code !== 0) throw new Error(`could not install npm@10: ${r.stderr}`);
  return join(dir, 'node_modules', 'npm', 'bin', 'npm-cli.js');
}

/** Every package under `root` (node_modules, nested too) that has a (pre|post)install script. */
function packagesWithInstallScripts(root: string): string[] {
  const found = new Set<string>();
  const walk = (nm: string) => {
    if (!existsSync(nm)) return;
    for (const e of readdirSync(nm, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      const dirs = e.name.startsWith('@') ? readdirSync(join(nm, e.name)).map((n) => join(nm, e.name, n)) : [join(nm, e.name)];
      for (const d of dirs) {
        const pj = join(d, 'package.json');
        if (existsSync(pj)) {
          const p = JSON.parse(readFileSync(pj, 'utf8')) as { name?: string; scripts?: Record<string, string> };
          if (p.scripts && (p.scripts.preinstall || p.scripts.install || p.scripts.postinstall)) found.add(p.name ?? d);
        }
        walk(join(d, 'node_modules'));
      }
    }
  };
  walk(join(root, 'node_modules'));
  return [...found].sort();
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/src/cli.js missing: run `npm run build` (npm test does)');
  tmp = mkdtempSync(join(tmpdir(), 'jixiao-global-'));
  const r = run('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp, '--loglevel=error'], ROOT); // dist/ is built (npm test); prepack would rebuild it under other running tests
  expect(r.code).toBe(0);
  const name = r.stdout.trim().split('\n').pop()!;
  tarball = join(tmp, name);
  expect(existsSync(tarball)).toBe(true);
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/**
 * Sources npm used (its `http fetch` lines: metadata and tarballs fetched; its `http cache` lines:
 * tarballs taken from the cache, with the URL they came from) that are neither on the registry
 * nor the packed tarball itself.
 */
function sourcesOutsideRegistry(npmLog: string, registry: string, tarballPath: string): string[] {
  const base = registry.replace(/\/?$/, '/');
  const fetched = [...npmLog.matchAll(/^npm http fetch \S+ \S+ (\S+)/gm)].map((m) => m[1]);
  const cached = [...npmLog.matchAll(/^npm http cache (@?[^@\s]+)@(\S+)/gm)].map((m) => m[2]);
  expect(fetched.length + cached.length).toBeGreaterThan(10);
  return [...fetched, ...cached].filter((u) => !u.startsWith(base) && u !== `file:${tarballPath}`);
}

/** Any download onnxruntime-node's install script tried would go to this closed port and fail. */
const NO_OUTSIDE_DOWNLOAD = { GLOBAL_AGENT_HTTPS_PROXY: 'http://127.0.0.1:9', GLOBAL_AGENT_HTTP_PROXY: 'http://127.0.0.1:9' };

/** onnxruntime-node's GPU provider files in an installed tree are jixiao's placeholders, not libraries. */
function expectGpuProvidersArePlaceholders(ortRoot: string) {
  expect(existsSync(join(ortRoot, 'package.json'))).toBe(true);
  const ortLinux = join(ortRoot, 'bin', 'napi-v6', 'linux', 'x64');
  const providers = readdirSync(ortLinux).filter((f) => /providers_(cuda|tensorrt|shared)/.test(f));
  for (const f of providers) expect(readFileSync(join(ortLinux, f), 'utf8')).toMatch(/^Placeholder written by jixiao's preinstall/);
}

const OUTSIDE_ERRORS = /nuget|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|Downloading http|onnxruntime-node-install|Unknown (project|user) config "onnx/i;

describe.each([
  ['npm 11 (or this machine’s npm)', () => ['npm']],
  ['npm 10 (Node 20’s bundled npm)', () => [process.execPath, npm10Cli()]],
])('npm install -g <packed tarball> with %s, no flag', (_label, npmCommand) => {
  it('installs with nothing from outside the npm registry; jixiao --help and extract (OCR of a scan) work', () => {
    const [cmd, ...pre] = npmCommand();
    const version = run(cmd, [...pre, '--version'], tmp).stdout.trim();
    const registry = run(cmd, [...pre, 'config', 'get', 'registry'], tmp).stdout.trim();
    expect(registry).toMatch(/^https?:\/\//);
    const prefix = mkdtempSync(join(tmp, `prefix-npm${version.split('.')[0]}-`));
    const work = mkdtempSync(join(tmp, 'cwd-'));
    // what the README tells a user to type (--prefix: a temp global folder; --prefer-offline: the cache first)
    const inst = run(cmd, [...pre, 'install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=http', '--foreground-scripts'], work, 600_000, NO_OUTSIDE_DOWNLOAD); // http: npm logs every URL it fetches
    if (inst.code !== 0) throw new Error(`npm ${version} install -g failed:\n${inst.stderr.slice(-3000)}`);
    expect(inst.stderr + inst.stdout).not.toMatch(OUTSIDE_ERRORS);

    const pkgRoot = join(prefix, 'lib', 'node_modules', 'jixiao');
    // nothing from outside the registry: lock entries, install scripts, no CUDA provider fetched
    expect(sourcesOutsideRegistry(inst.stderr, registry, tarball)).toEqual([]);
    const scripts = packagesWithInstallScripts(pkgRoot);
    expect(scripts.filter((n) => !KNOWN_INSTALL_SCRIPTS.includes(n))).toEqual([]);
    expectGpuProvidersArePlaceholders(join(pkgRoot, 'node_modules', 'onnxruntime-node'));

    const bin = join(prefix, 'bin', 'jixiao');
    const help = run(bin, ['--help'], work);
    expect(help.stdout).toContain(USAGE);
    expect(help.code).toBe(0);

    // text and a scanned PDF (PP-OCR over the installed onnxruntime-node, models from the installed package)
    const out = join(work, 'out');
    const inputs = [join(ROOT, 'samples', 'hongshan-2021-declaration.txt'), join(ROOT, 'samples', 'tianshui-2021-self-eval-table-national-scan.pdf')];
    const ex = run(bin, ['extract', ...inputs, '--out', out, '--quiet', '--no-report', '--no-xlsx', '--concurrency', '1', '--timeout', '900'], work); // a loaded machine must not hit the per-document timeout
    expect(ex.stderr).toBe('');
    expect(ex.code).toBe(0);
    const docs = readFileSync(join(out, 'documents.csv'), 'utf8');
    expect(docs).toMatch(/\nhongshan-2021-declaration,.*,ok,declaration,/);
    expect(docs).toMatch(/\ntianshui-2021-self-eval-table-national-scan,.*,ok,self_eval_table,2,ocr,/);
    // eslint-disable-next-line no-console
    console.log(`npm ${version}: npm install -g of the packed tarball ok; install scripts present: ${scripts.join(', ') || 'none'}`);
  }, 900_000);
});

describe('npm install <packed tarball> into a user\'s project (npm 11 or this machine’s npm), no flag', () => {
  it('installs with nothing from outside the npm registry; npx jixiao --help and extract of a text filing work', () => {
    const project = mkdtempSync(join(tmp, 'project-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true }));
    const registry = run('npm', ['config', 'get', 'registry'], project).stdout.trim();
    const inst = run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=http', '--foreground-scripts'], project, 600_000, NO_OUTSIDE_DOWNLOAD);
    if (inst.code !== 0) throw new Error(`npm install <tarball> failed:\n${inst.stderr.slice(-3000)}`);
    expect(inst.stderr + inst.stdout).not.toMatch(OUTSIDE_ERRORS);
    expect(sourcesOutsideRegistry(inst.stderr, registry, tarball)).toEqual([]);
    expectGpuProvidersArePlaceholders(join(project, 'node_modules', 'onnxruntime-node'));

    const help = run('npx', ['--no-install', 'jixiao', '--help'], project);
    expect(help.stdout).toContain(USAGE);
    expect(help.code).toBe(0);
    const out = join(project, 'out');
    const ex = run('npx', ['--no-install', 'jixiao', 'extract', join(ROOT, 'samples', 'hongshan-2021-declaration.txt'), '--out', out, '--quiet', '--no-report', '--no-xlsx'], project);
    expect(ex.code).toBe(0);
    expect(readFileSync(join(out, 'documents.csv'), 'utf8')).toMatch(/\nhongshan-2021-declaration,.*,ok,declaration,/);
  }, 900_000);
});

/** npm knows the allowScripts policy (npm 11.19 here; `undefined` from npm 10). */
function npmHasAllowScripts(cwd: string): boolean {
  return run('npm', ['config', 'get', 'strict-allow-scripts'], cwd).stdout.trim() === 'false';
}

describe('npm ci in a copy of this checkout (README\'s first command), no flag', () => {
  it('npm 11 installs with nothing from outside the registry: allowScripts denies onnxruntime-node\'s download', () => {
    const copy = mkdtempSync(join(tmp, 'checkout-'));
    if (!npmHasAllowScripts(copy)) {
      // eslint-disable-next-line no-console
      console.log('this npm does not know allowScripts (npm 10): README says to set ONNXRUNTIME_NODE_INSTALL=skip');
      return;
    }
    for (const f of ['package.json', 'package-lock.json']) writeFileSync(join(copy, f), readFileSync(join(ROOT, f)));
    cpSync(join(ROOT, 'install'), join(copy, 'install'), { recursive: true });
    const inst = run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--foreground-scripts'], copy, 600_000, NO_OUTSIDE_DOWNLOAD);
    if (inst.code !== 0) throw new Error(`npm ci failed:\n${inst.stderr.slice(-3000)}`);
    expect(inst.stderr + inst.stdout).not.toMatch(OUTSIDE_ERRORS);
    expect(inst.stdout).not.toMatch(/onnxruntime-node@[\d.]+ postinstall/);
    expect(inst.stderr).not.toMatch(/not yet covered by allowScripts/);
  }, 900_000);
});
