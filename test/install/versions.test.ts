/**
 * One lock file for Node 20, 22 and 24: `engines` states the supported lines (as the README
 * does), the packages whose newer majors refuse Node 20 stay pinned (pdfjs-dist 5.6.205,
 * p-queue 9), and no package in package-lock.json declares an `engines.node` that excludes a supported
 * version. .ci/run runs the whole suite on all three.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const semver = createRequire(join(ROOT, 'package.json'))('semver') as { satisfies(v: string, range: string, o?: { includePrerelease?: boolean }): boolean; major(v: string): number };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }> };
/** The oldest release of each supported line we promise, and the ones CI runs. */
const SUPPORTED = ['20.19.0', '20.20.2', '22.13.0', '22.23.5', '24.0.0', '24.22.3'];

describe('supported Node versions', () => {
  it('engines says 20 (≥ 20.19), 22 (≥ 22.13) and 24, as the README does', () => {
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.13.0 || ^24.0.0');
    for (const v of SUPPORTED) expect(semver.satisfies(v, pkg.engines.node)).toBe(true);
    for (const v of ['18.20.0', '20.18.0', '21.7.0', '22.12.0', '23.0.0']) expect(semver.satisfies(v, pkg.engines.node)).toBe(false);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('Node.js 20 (≥ 20.19), 22 (≥ 22.13) or 24');
    expect(process.versions.node.split('.')[0]).toMatch(/^(20|22|24)$/);
  });

  it('pins what would refuse Node 20', () => {
    expect(pkg.dependencies['pdfjs-dist']).toBe('5.6.205');
    expect(pkg.dependencies['p-queue']).toMatch(/^\^9\./);
    expect(lock.packages['node_modules/pdfjs-dist'].version).toBe('5.6.205');
    expect(semver.major(lock.packages['node_modules/p-queue'].version!)).toBe(9);
  });

  it('no locked package declares engines.node that excludes a supported version', () => {
    const refused: string[] = [];
    for (const [path, p] of Object.entries(lock.packages)) {
      const range = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      if (!path || !range) continue;
      for (const v of SUPPORTED) if (!semver.satisfies(v, range, { includePrerelease: true })) refused.push(`${path}@${p.version} (${range}) refuses ${v}`);
    }
    expect(refused).toEqual([]);
  });
});
