import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS } from '../../../infra/local/seed-data';

/**
 * web/dist is what CloudFront serves in AWS: the build (`npm run build:web`: type check, then
 * vite with web/vite.config.ts) must not carry the local stack's dev users. The build writes to a
 * temporary folder so that a running local stack's web/dist is left alone.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const resolveFrom = createRequire(join(root, 'package.json')).resolve;
let outDir: string;
let files: { name: string; text: string }[];

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'web-dist-'));
  const tsc = join(dirname(resolveFrom('typescript/package.json')), 'bin', 'tsc');
  const vite = join(dirname(resolveFrom('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'web', 'tsconfig.json')], { cwd: root, stdio: 'pipe' });
  execFileSync(process.execPath, [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--outDir', outDir, '--logLevel', 'warn'], { cwd: root, stdio: 'pipe' });
  files = listFiles(outDir).map((f) => ({ name: f.slice(outDir.length + 1), text: readFileSync(f, 'latin1') }));
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('Build: the web page', () => {
  it('produces the page', () => {
    expect(files.map((f) => f.name)).toContain('index.html');
    expect(files.some((f) => f.name.endsWith('.js'))).toBe(true);
  });

  it('has no seed-data chunk', () => {
    expect(files.filter((f) => /seed-data/i.test(f.name))).toEqual([]);
  });

  it('carries none of the dev users (citizen ids, subjects, names), in code or source maps', () => {
    const citizenIds = DEV_USERS.flatMap((u) => (u.citizenId ? [u.citizenId] : []));
    expect(citizenIds).toContain('001090012345');
    const needles = [...citizenIds, ...DEV_USERS.map((u) => u.sub), ...DEV_USERS.map((u) => u.name)];
    const hits = files.flatMap((f) => {
      const text = Buffer.from(f.text, 'latin1').toString('utf8');
      return needles.filter((n) => text.includes(n) || text.includes(JSON.stringify(n).slice(1, -1))).map((n) => `${f.name}: ${n}`);
    });
    expect(hits).toEqual([]);
  });
});
