/**
 * The lock file, without installing anything: every production package in package-lock.json
 * that has an install script is one of KNOWN_INSTALL_SCRIPTS (a new dependency with a script
 * that downloads would break installs on a machine that reaches only the npm registry), and no
 * package is resolved from anywhere but the registry (registry packages carry no `resolved` here:
 * omit-lockfile-registry-resolved; a git, URL or file dependency would); and package.json's
 * `allowScripts` (npm 11's install-script policy for this checkout) names every package with a
 * script, denying onnxruntime-node's NuGet download. global-install.test.ts does the installs.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { KNOWN_INSTALL_SCRIPTS } from '../helpers/install-scripts.js';

type LockEntry = { version?: string; dev?: boolean; hasInstallScript?: boolean; resolved?: string; link?: boolean };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('install scripts and sources of what a user installs', () => {
  it('no production dependency has an install script beyond the known ones', () => {
    const scripted = Object.entries(lock.packages).filter(([path, p]) => path && !p.dev && p.hasInstallScript).map(([path]) => nameOf(path));
    expect(scripted.filter((n) => !KNOWN_INSTALL_SCRIPTS.includes(n))).toEqual([]);
  });

  it('package.json allowScripts names every locked package with an install script and denies onnxruntime-node\'s (npm 11, this checkout)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    const scripted = Object.entries(lock.packages).filter(([path, p]) => path && p.hasInstallScript).map(([path]) => nameOf(path));
    expect(scripted.filter((n) => !(n in (pkg.allowScripts ?? {})))).toEqual([]);
    expect(pkg.allowScripts?.['onnxruntime-node']).toBe(false);
  });

  it('every locked package comes from the npm registry (no git, URL or file dependency)', () => {
    const outside = Object.entries(lock.packages)
      .filter(([path, p]) => path && !p.link && p.resolved && !/^https:\/\/registry\.npmjs\.org\//.test(p.resolved))
      .map(([path, p]) => `${path}: ${p.resolved}`);
    expect(outside).toEqual([]);
  });
});
