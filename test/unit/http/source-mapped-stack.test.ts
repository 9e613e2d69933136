import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaEsbuildOptions } from '../../../infra/lambda-esbuild';

/**
 * The bundles run without --enable-source-maps (it costs every cold start); the logger maps the
 * stacks of the errors it logs instead. Checked on a real production bundle, run by plain node.
 */
const FIXTURE = join(import.meta.dirname, 'fixtures', 'logs-an-error.ts');
const SOURCE = 'test/unit/http/fixtures/logs-an-error.ts';

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bansao-stack-'));
  bundle = join(dir, 'index.mjs');
  await build({ ...lambdaEsbuildOptions(), entryPoints: { index: FIXTURE }, outdir: dir, outExtension: { '.js': '.mjs' } });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface LoggedError { name: string; message: string; location: string; stack: string; cause?: LoggedError }

function runBundle(): LoggedError {
  const run = spawnSync(process.execPath, [bundle], { encoding: 'utf8', env: { PATH: process.env.PATH, NODE_OPTIONS: '' } });
  expect(run.status, run.stderr).toBe(0);
  // Powertools writes ERROR lines to stderr.
  const line = run.stderr.split('\n').find((l) => l.includes('deliberate failure logged'));
  expect(line, run.stderr).toBeDefined();
  return (JSON.parse(line!) as { error: LoggedError }).error;
}

describe('Logged error stacks in a minified bundle', () => {
  it('point at the TypeScript source line, for the error and its cause', () => {
    const error = runBundle();

    expect(error.stack).toContain(`${SOURCE}:4:`);
    expect(error.stack).not.toMatch(/index\.mjs:\d+:\d+/);
    expect(error.location).toMatch(new RegExp(`${SOURCE.replace(/\./g, '\\.')}:4$`));
    expect(error.cause?.stack).toContain(`${SOURCE}:4:`);
  });

  it('stay as they are when the map is missing: the log line is still written', () => {
    rmSync(`${bundle}.map`);

    const error = runBundle();

    expect(error.message).toBe('deliberate failure');
    expect(error.stack).toMatch(/index\.mjs:\d+:\d+/);
  });
});
