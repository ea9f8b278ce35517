/**
 * What a user of the published package does, for real: `npm pack` the built checkout, then a
 * plain `npm install -g <tarball>` into a fresh temporary prefix, from a folder outside the
 * project (so no project config applies) and with none of the npm_* / ONNXRUNTIME_* variables
 * set — with npm 11 (this machine's) and npm 10 (Node 20's bundled npm; JIXIAO_NPM10_CLI
 * names its npm-cli.js, else it is installed from the npm registry into a temp folder).
 * Packages come from the npm registry (or its local cache) only: no dependency may have an
 * install script that reaches another host (onnxruntime-node ≥ 1.17.3 fetches CUDA providers
 * from NuGet, which does not resolve here). Then `<prefix>/bin/jixiao --help` prints usage and
 * `extract` writes output, OCR models included.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI, ROOT } from '../helpers/cli.js';

const USAGE = 'jixiao extract <file-or-folder>... --out <dir>';
/**
 * Dependencies (anywhere in the installed tree) that carry an install script, and why each is
 * harmless offline: tesseract.js prints a donation notice (opencollective-postinstall ||
 * true); msgpackr-extract (through bullmq) looks for its prebuilt optional package, which npm
 * installs from the registry. npm 11 runs neither unless approved; npm 10 runs both.
 */
const KNOWN_INSTALL_SCRIPTS = ['msgpackr-extract', 'tesseract.js'];

let tmp: string;
let tarball: string;

/** A user's shell: no npm_* or ONNXRUNTIME_* variables, this node first on PATH. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !/^ONNXRUNTIME_/i.test(k)) env[k] = v;
  env.PATH = `${dirname(process.execPath)}:${env.PATH ?? ''}`;
  return env;
}

function run(cmd: string, args: string[], cwd: string, timeout = 600_000) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: userEnv(), timeout });
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

describe.each([
  ['npm 11 (or this machine’s npm)', () => ['npm']],
  ['npm 10 (Node 20’s bundled npm)', () => [process.execPath, npm10Cli()]],
])('npm install -g <packed tarball> with %s', (_label, npmCommand) => {
  it('installs with no flags and nothing from outside the npm registry; jixiao --help and extract work', () => {
    const [cmd, ...pre] = npmCommand();
    const version = run(cmd, [...pre, '--version'], tmp).stdout.trim();
    const prefix = mkdtempSync(join(tmp, `prefix-npm${version.split('.')[0]}-`));
    const work = mkdtempSync(join(tmp, 'cwd-'));
    const inst = run(cmd, [...pre, 'install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund'], work);
    if (inst.code !== 0) throw new Error(`npm ${version} install -g failed:\n${inst.stderr.slice(-3000)}`);
    expect(inst.stderr).not.toMatch(/nuget|ENOTFOUND|onnxruntime-node-install/i);

    const pkgRoot = join(prefix, 'lib', 'node_modules', 'jixiao');
    // no dependency has an install script beyond the known harmless ones; never onnxruntime-node
    const scripts = packagesWithInstallScripts(pkgRoot);
    expect(scripts.filter((n) => !KNOWN_INSTALL_SCRIPTS.includes(n))).toEqual([]);
    const ort = JSON.parse(readFileSync(join(pkgRoot, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')) as { version: string };
    expect(ort.version).toBe('1.17.0');

    const bin = join(prefix, 'bin', 'jixiao');
    const help = run(bin, ['--help'], work);
    expect(help.stdout).toContain(USAGE);
    expect(help.code).toBe(0);

    // text and a scanned PDF (PP-OCR, models from the installed package), nothing else on disk needed
    const out = join(work, 'out');
    const inputs = [join(ROOT, 'samples', 'hongshan-2021-declaration.txt')];
    if (version.startsWith('11')) inputs.push(join(ROOT, 'samples', 'tianshui-2021-self-eval-table-national-scan.pdf'));
    const ex = run(bin, ['extract', ...inputs, '--out', out, '--quiet', '--no-report', '--no-xlsx', '--concurrency', '1', '--timeout', '900'], work); // a loaded machine must not hit the per-document timeout
    expect(ex.stderr).toBe('');
    expect(ex.code).toBe(0);
    const docs = readFileSync(join(out, 'documents.csv'), 'utf8');
    expect(docs).toMatch(/\nhongshan-2021-declaration,.*,ok,declaration,/);
    if (inputs.length > 1) expect(docs).toMatch(/\ntianshui-2021-self-eval-table-national-scan,.*,ok,self_eval_table,2,ocr,/);
    // eslint-disable-next-line no-console
    console.log(`npm ${version}: npm install -g of the packed tarball ok; install scripts present: ${scripts.join(', ') || 'none'}`);
  }, 600_000);
});
