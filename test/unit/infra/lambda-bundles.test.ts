import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaEsbuildOptions } from '../../../infra/lambda-esbuild';
import { REPO_ROOT } from '../../../infra/paths';
import { deployedFunctions } from '../../../shared/contracts/routes';

/**
 * What goes into the Lambda bundles, built exactly as CDK builds them (infra/lambda-esbuild.ts).
 * Not a benchmark: these are properties of the deployed code — DEV ONLY code never ships, only
 * declared run-time dependencies ship, and every bundle stays within the size budget of issue #10
 * (a bundle's size decides its cold start and was 3.3 MB before the budget was enforced).
 */
const BUDGET_BYTES = 1.5 * 1024 * 1024;

/** What CDK deploys: every route not marked localOnly (dev-login stays on the local stack), and the workers. */
const functions = deployedFunctions();
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let bundles: { fn: string; bytes: number; inputs: string[] }[];

beforeAll(async () => {
  const entryPoints = Object.fromEntries(functions.map((fn) => [fn, join(REPO_ROOT, 'functions', fn, 'handler.ts')]));
  const result = await build({ ...lambdaEsbuildOptions(), entryPoints, outdir: '/bundles', write: false, metafile: true });
  const outputs = (result.metafile as Metafile).outputs;
  bundles = Object.entries(outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => ({ fn: file.replace(/^.*\/([^/]+)\.js$/, '$1'), bytes: output.bytes, inputs: Object.keys(output.inputs) }));
}, 120_000);

/** The package a bundled input comes from (`node_modules/@scope/name/...` → `@scope/name`). */
const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
/** Packages a declared dependency pulls in are fine; a package only the dev tools declare is not. */
const devOnly = new Set(Object.keys(pkg.devDependencies));

describe('Lambda bundles (as CDK builds them)', () => {
  it('builds one bundle per deployed function', () => {
    expect(bundles.map((b) => b.fn).sort()).toEqual([...functions].sort());
  });

  it('never ship the DEV ONLY PKI, the local stack or test code', () => {
    for (const { fn, inputs } of bundles) {
      const forbidden = inputs.filter((i) => /shared\/signing\/dev-(pki|certificates)\.ts$|(^|\/)infra\/local\/|(^|\/)test\/|(^|\/)bench\//.test(i));
      expect(forbidden, fn).toEqual([]);
    }
  });

  it('ship only run-time dependencies, never a package that only devDependencies declare', () => {
    for (const { fn, inputs } of bundles) {
      const packages = new Set(inputs.map(packageOf).filter((p): p is string => !!p));
      const fromDev = [...packages].filter((p) => devOnly.has(p) && !(p in pkg.dependencies));
      expect(fromDev, fn).toEqual([]);
    }
  });

  it('carry only zod\'s default (English) locale: zod is imported as a namespace, not as its `z` object', () => {
    for (const { fn, inputs } of bundles) {
      const locales = inputs.filter((i) => /node_modules\/zod\/.*\/locales\/(?!en\.js$)[^/]+\.js$/.test(i));
      expect(locales, fn).toEqual([]);
    }
  });

  it('carry the Lambda credential chain (environment, container endpoint), not the SDK\'s SSO/ini/process/web-identity chain', () => {
    for (const { fn, inputs } of bundles) {
      const workstationOnly = inputs.filter((i) =>
        /node_modules\/@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|login)|nested-clients|token-providers)\//.test(i));
      expect(workstationOnly, fn).toEqual([]);
      expect(inputs.some((i) => i.endsWith('shared/runtime/lambda-credentials.ts')), fn).toBe(true);
    }
  });

  it('carry pdf-lib only where a PDF is inspected or composed (it is ~420 KiB with its fonts, pako and UPNG)', () => {
    // submit inspects the originals, certify and issue compose the copies, the slip and a closed book are PDFs, reject
    // composes the written refusal, the entitlement decision the written reply of a refusal (Decree 23/2015 Art. 17(2)),
    // the quote counts a draft's pages as submit does, the preview composes the unsigned lời chứng page.
    const composing = ['books-close', 'requests-appointment-slip', 'requests-certify', 'requests-entitlement', 'requests-issue', 'requests-preview', 'requests-quote', 'requests-reject', 'requests-submit', 'verify-code-receipt', 'verify-file-receipt'];
    const withPdfLib = bundles.filter((b) => b.inputs.some((i) => i.includes('node_modules/pdf-lib/'))).map((b) => b.fn);
    expect(withPdfLib.sort()).toEqual(composing);
  });

  it('carry the Cognito SDK client only where machine clients are registered or deleted', () => {
    // Prepare: the bundles built above. Act: which carry the identity provider's management client.
    const withCognito = bundles.filter((b) => b.inputs.some((i) => i.includes('node_modules/@aws-sdk/client-cognito-identity-provider/'))).map((b) => b.fn);
    // Assess: verifying a client's token needs only its keys (jose), not the SDK client.
    expect(withCognito.sort()).toEqual(['clients-create', 'clients-disable']);
  });

  it('stay within the 1.5 MiB budget each', () => {
    const over = bundles.filter((b) => b.bytes > BUDGET_BYTES).map((b) => `${b.fn}: ${Math.round(b.bytes / 1024)} KiB`);
    expect(over).toEqual([]);
  });
});

describe('An SDK client inside a bundle', () => {
  it('gets the role credentials from the environment through the bundled Lambda chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bansao-credentials-'));
    try {
      await build({ ...lambdaEsbuildOptions(), entryPoints: { index: join(import.meta.dirname, 'fixtures', 'client-credentials.ts') }, outdir: dir, outExtension: { '.js': '.mjs' } });
      const run = spawnSync(process.execPath, [join(dir, 'index.mjs')], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: dir, AWS_ACCESS_KEY_ID: 'AKIDLAMBDA', AWS_SECRET_ACCESS_KEY: 'lambda-secret', AWS_SESSION_TOKEN: 'lambda-token' },
      });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ accessKeyId: 'AKIDLAMBDA', sessionToken: 'lambda-token' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
