/**
 * bundle_kb_max / cold_init_ms_max: every deployed function's handler.ts bundled with the production
 * esbuild options — those infra/functions.ts gives NodejsFunction: ESM, minified, target from the
 * Lambda runtime (LAMBDA_RUNTIME), platform node, main fields module,main, the require() banner,
 * external source map without sources, and no externals (bundleAwsSDK: true, so nothing from
 * @aws-sdk v3 is left to the runtime). Size = index.mjs in KiB (the .map is not loaded: the
 * functions run without --enable-source-maps, and the logger maps logged stacks on demand).
 * What --enable-source-maps would add to the slowest init is measured apart.
 * Cold init = a fresh `node -e` that imports index.mjs and gets its `handler` (each handler is
 * built at import: middy stack, route, idempotency config), measured inside that process from
 * its start (performance.timeOrigin) to handler ready, with the environment the CDK stack sets
 * (dummy values); median of 5 processes per bundle; the figure is the slowest bundle's median.
 * Five, not three: this VM has slow phases lasting seconds (the same bundle measured 265-390 ms
 * minutes apart), and a median of three let one phase decide the figure of the whole table.
 * The CPU time of those processes is given too: on a shared machine it moves less than wall time.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_RUNTIME } from '../../infra/functions';
import { lambdaEsbuildOptions } from '../../infra/lambda-esbuild';
import { ENV } from '#shared/runtime/config';
import { deployedFunctions } from '#shared/contracts/routes';
import { median, round } from '../lib/stats';

const REPO = resolve(import.meta.dirname, '../..');
const SPAWNS = Number(process.env.BENCH_INIT_SPAWNS ?? 5);

/** The production esbuild options (shared with the bundle test). */
export const productionOptions = lambdaEsbuildOptions;

/** What infra/functions.ts sets (values are dummies; nothing is called at import). */
function lambdaEnvironment(dir: string): NodeJS.ProcessEnv {
  const trust = join(dir, 'trust-list.pem');
  writeFileSync(trust, '');
  return {
    PATH: process.env.PATH,
    [ENV.tableName]: 'bansao-bench',
    [ENV.originalsBucket]: 'bansao-bench-originals',
    [ENV.issuedBucket]: 'bansao-bench-issued',
    [ENV.publicBaseUrl]: 'https://bansao.example.gov.vn',
    [ENV.signerMode]: 'kms',
    [ENV.kmsSigningKeys]: '{}',
    [ENV.logLevel]: 'INFO',
    [ENV.trustListFile]: trust,
    [ENV.region]: 'ap-southeast-1',
    NODE_OPTIONS: '',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_EXECUTION_ENV: `AWS_Lambda_${LAMBDA_RUNTIME.name}`,
    LAMBDA_TASK_ROOT: dir,
    AWS_ACCESS_KEY_ID: 'AKIDBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    // Lambda runs Node 22+, where the SDK does not print its Node 20 notice (which costs time here).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

const PROBE = `import(require('node:url').pathToFileURL(process.argv[1]).href).then((m) => {
  if (typeof m.handler !== 'function') { console.error('no handler export'); process.exit(2); }
  const cpu = process.cpuUsage();
  process.stdout.write(performance.now() + ' ' + (cpu.user + cpu.system) / 1000);
}, (e) => { console.error(e); process.exit(3); });`;

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; the repo's own files → their top folder. */
function packageOf(path: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (m) return m[1];
  return path.replace(/^(\.\.\/)+/, '').split('/').slice(0, 2).join('/');
}

type Metafile = { outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }> };

/** One esbuild run over every handler (parsing is shared); each entry still gets its own bundle. */
async function buildAll(functions: string[], out: string): Promise<{ metafile?: Metafile; failures: string[] }> {
  const options = productionOptions();
  const entries = Object.fromEntries(functions.map((fn) => [`${fn}/index`, join(REPO, 'functions', fn, 'handler.ts')]));
  try {
    const result = await build({ ...options, entryPoints: entries, outdir: out, outExtension: { '.js': '.mjs' }, metafile: true });
    return { metafile: result.metafile as Metafile, failures: [] };
  } catch {
    // One broken handler (e.g. a module being written) must not hide the others: build one by one.
    const failures: string[] = [];
    const metafile: Metafile = { outputs: {} };
    for (const fn of functions) {
      try {
        const result = await build({ ...options, entryPoints: { [`${fn}/index`]: entries[`${fn}/index`] }, outdir: out, outExtension: { '.js': '.mjs' }, metafile: true });
        Object.assign(metafile.outputs, (result.metafile as Metafile).outputs);
      } catch (error) {
        failures.push(`${fn}: ${(error as Error).message.split('\n').slice(0, 2).join(' ')}`);
      }
    }
    return { metafile, failures };
  }
}

/** Median wall time (process start → handler ready) and CPU time of SPAWNS fresh processes. */
function coldInit(file: string, env: NodeJS.ProcessEnv, failures: string[], fn: string): { wall: number; cpu: number } | undefined {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < SPAWNS; i++) {
    const probe = spawnSync(process.execPath, ['-e', PROBE, file], { env, cwd: resolve(file, '..'), encoding: 'utf8' });
    if (probe.status !== 0) {
      failures.push(`${fn}: init failed (${probe.status}): ${probe.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
      return undefined;
    }
    const [w, c] = probe.stdout.trim().split(' ').map(Number);
    wall.push(w);
    cpu.push(c);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

export async function run() {
  // What CDK deploys: dev-login (localOnly) never leaves the local stack.
  const functions = deployedFunctions();
  const out = join(tmpdir(), `bansao-bench-bundles-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  const buildStart = performance.now();
  const { metafile, failures } = await buildAll(functions, out);
  const buildMs = performance.now() - buildStart;

  const rows: { fn: string; kb: number; initMs: number; cpuMs: number }[] = [];
  for (const fn of functions) {
    const dir = join(out, fn);
    const file = join(dir, 'index.mjs');
    if (!statSync(file, { throwIfNoEntry: false })) continue;
    mkdirSync(dir, { recursive: true });
    const init = coldInit(file, lambdaEnvironment(dir), failures, fn);
    if (init) rows.push({ fn, kb: statSync(file).size / 1024, initMs: init.wall, cpuMs: init.cpu });
  }
  if (rows.length === 0) throw new Error(`no bundle could be built and loaded: ${failures.join('; ')}`);
  const bySize = [...rows].sort((a, b) => b.kb - a.kb);
  const byInit = [...rows].sort((a, b) => b.initMs - a.initMs);

  // Diagnostics of the worst bundles: what fills the largest, what its init would cost with --enable-source-maps.
  const largest = bySize[0].fn;
  const output = metafile?.outputs[Object.keys(metafile.outputs).find((k) => k.endsWith(`${largest}/index.mjs`)) ?? ''];
  const perPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    perPackage.set(packageOf(path), (perPackage.get(packageOf(path)) ?? 0) + input.bytesInOutput);
  }
  const top = [...perPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([pkg, bytes]) => `${pkg} ${round(bytes / 1024, 0)}`);
  const slowest = byInit[0].fn;
  const slowestDir = join(out, slowest);
  const sourceMapsEnv = { ...lambdaEnvironment(slowestDir), NODE_OPTIONS: '--enable-source-maps' };
  const initWithSourceMaps = coldInit(join(slowestDir, 'index.mjs'), sourceMapsEnv, failures, `${slowest} (--enable-source-maps)`);
  // The floor: a fresh node importing a module that holds nothing but a handler.
  writeFileSync(join(out, 'empty.mjs'), 'export const handler = async () => ({ statusCode: 200 });');
  const emptyInit = coldInit(join(out, 'empty.mjs'), lambdaEnvironment(out), failures, 'node alone');
  rmSync(out, { recursive: true, force: true });

  return {
    bundle_kb_max: round(bySize[0].kb, 0),
    bundle_kb_max_fn: largest,
    cold_init_ms_max: round(byInit[0].initMs, 0),
    cold_init_ms_max_fn: slowest,
    cold_init_cpu_ms_of_max: round(byInit[0].cpuMs, 0),
    cold_init_ms_max_with_source_maps: initWithSourceMaps === undefined ? null : round(initWithSourceMaps.wall, 0),
    cold_init_ms_node_alone: emptyInit === undefined ? null : round(emptyInit.wall, 0),
    bundle_kb_min: round(bySize[bySize.length - 1].kb, 0),
    cold_init_ms_min: round(byInit[byInit.length - 1].initMs, 0),
    bundles: rows.length,
    bundles_expected: functions.length,
    bundles_over_1536_kb: rows.filter((r) => r.kb > 1536).length,
    bundle_build_ms: round(buildMs, 0),
    bundle_target: productionOptions().target,
    bundle_max_top_packages_kb: top,
    bundle_failures: failures,
    bundle_rows: bySize.map((r) => ({ fn: r.fn, kb: round(r.kb, 0), init_ms: round(r.initMs, 0), init_cpu_ms: round(r.cpuMs, 0) })),
  };
}
