/**
 * The CLI runs however it is invoked (for real, as child processes of the built dist/):
 * `npx jixiao` in the checkout, a symlink (what npm's bin links and `npm install -g` make),
 * a chain of symlinks, `node dist/src/cli.js`, and the path without `.js`. A module that
 * loads the CLI as its entry script but is not the CLI exits 70 with a message — never 0
 * with nothing done. No npm command in the checkout warns about the project's own config.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI, ROOT } from '../helpers/cli.js';
import { isEntryPoint } from '../../src/cli.js';

const USAGE = 'jixiao extract <file-or-folder>... --out <dir>';
const SAMPLE = join(ROOT, 'samples', 'hongshan-2021-declaration.txt');

let tmp: string;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/src/cli.js missing: run `npm run build` (npm test does)');
  tmp = mkdtempSync(join(tmpdir(), 'jixiao-invoke-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The environment of a user's shell: none of the npm_* variables `npm test` sets, this node first on PATH. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !/^ONNXRUNTIME_/i.test(k)) env[k] = v;
  env.PATH = `${dirname(process.execPath)}:${env.PATH ?? ''}`;
  return env;
}

function run(cmd: string, args: string[], cwd = ROOT) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: userEnv(), timeout: 300_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('the CLI runs however it is invoked', () => {
  it('npx jixiao --help in the checkout prints usage, with no npm warning about the project config', () => {
    const r = run('npx', ['--no-install', 'jixiao', '--help']);
    expect(r.stdout).toContain(USAGE);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/Unknown project config/);
  });

  it('node dist/src/cli.js and the path without .js print usage', () => {
    for (const path of [CLI, CLI.replace(/\.js$/, '')]) {
      const r = run(process.execPath, [path, '--help']);
      expect(r.stdout).toContain(USAGE);
      expect(r.code).toBe(0);
    }
  });

  it('through a symlink and a chain of symlinks: --help prints usage, extract writes output', () => {
    const link = join(tmp, 'jixiao');
    symlinkSync(CLI, link);
    const link2 = join(tmp, 'jx-again');
    symlinkSync(link, link2);
    for (const l of [link, link2]) {
      const r = run(process.execPath, [l, '--help'], tmp);
      expect(r.stdout).toContain(USAGE);
      expect(r.code).toBe(0);
    }
    const out = join(tmp, 'out');
    const r = run(process.execPath, [link2, 'extract', SAMPLE, '--out', out, '--quiet', '--no-report', '--no-xlsx'], tmp);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'documents.csv'), 'utf8')).toMatch(/\nhongshan-2021-declaration,.*,ok,declaration,/);
    expect(existsSync(join(out, 'json', 'hongshan-2021-declaration.json'))).toBe(true);
  });

  it('a script named like the CLI that only loads it exits 70 with a message, not 0 silently', () => {
    const imposter = join(tmp, 'cli.js');
    writeFileSync(imposter, `import ${JSON.stringify(new URL(`file://${CLI}`).href)};\n`);
    writeFileSync(join(tmp, 'package.json'), '{"type":"module"}\n');
    const r = run(process.execPath, [imposter, '--help'], tmp);
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/nothing was run/);
  });
});

describe('isEntryPoint', () => {
  it('resolves symlinks and Node’s .js lookup; import.meta.main decides where Node has it', () => {
    const link = join(tmp, 'entry-link');
    symlinkSync(CLI, link);
    expect(isEntryPoint(link, CLI, null)).toBe(true);
    expect(isEntryPoint(CLI.replace(/\.js$/, ''), CLI, null)).toBe(true);
    expect(isEntryPoint(join(tmp, 'elsewhere.js'), CLI, null)).toBe(false);
    expect(isEntryPoint(undefined, CLI, null)).toBe(false);
    expect(isEntryPoint(join(tmp, 'elsewhere.js'), CLI, true)).toBe(true);
    expect(isEntryPoint(link, CLI, false)).toBe(false);
  });
});
