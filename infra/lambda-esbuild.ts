import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { ESM_REQUIRE_BANNER, LAMBDA_MODULE_ALIASES, LAMBDA_RUNTIME } from './functions';
import { REPO_ROOT } from './paths';

/**
 * The esbuild options NodejsFunction derives from the `bundling` block in infra/functions.ts:
 * ESM, minified, target from the Lambda runtime, platform node, main fields module,main, the
 * require() banner, external source map without sources, the module aliases (LAMBDA_MODULE_ALIASES)
 * and no externals (bundleAwsSDK: true).
 * The benchmark (bench/sections/bundles.ts) and the bundle test (test/unit/infra/lambda-bundles.test.ts)
 * build with these, so what they measure and check is what CDK deploys.
 */
export function lambdaEsbuildOptions() {
  const major = /nodejs(\d+)/.exec(LAMBDA_RUNTIME.name)?.[1];
  if (!major) throw new Error(`cannot read the Node version of ${LAMBDA_RUNTIME.name}`);
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${major}`,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_BANNER },
    tsconfig: join(REPO_ROOT, 'tsconfig.json'),
    alias: { ...LAMBDA_MODULE_ALIASES },
    external: [] as string[],
    logLevel: 'error',
  } satisfies BuildOptions;
}
