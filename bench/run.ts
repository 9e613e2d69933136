/**
 * `npm run bench` — benchmarks of the hot paths against their targets (issue #10). Not tests:
 * nothing here asserts on time; it prints a table and writes bench/results.json (git-ignored).
 *
 * Each CPU/memory section runs in its own Node process (own heap, own peak RSS), from an esbuild
 * bundle of the section made with the production options (as the Lambda runs bundled code, not
 * tsx); `bundles` runs under tsx (it reads infra/), and `api` runs here, in this process, because
 * the local gateway imports the handlers' TypeScript. Fixtures are generated once into a temp dir.
 *
 * Environment knobs: BENCH_ONLY=a,b (sections), BENCH_PROFILE=1 (CPU profiles of the children,
 * --cpu-prof, into $TMPDIR/bansao-bench-profiles), BENCH_FRESH=1 (regenerate fixtures),
 * BENCH_RUNS_2P / BENCH_RUNS_200P / BENCH_RUNS_SIGN / BENCH_RUNS_API / BENCH_VERIFY_MS /
 * BENCH_INIT_SPAWNS (sample sizes).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { median, round } from './lib/stats';

const REPO = resolve(import.meta.dirname, '..');
const RESULTS = join(REPO, 'bench', 'results.json');
const started = performance.now();
// Node 20 here, 22+ on Lambda: the AWS SDK's notice about it is noise in a benchmark's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : undefined;
const wanted = (section: string) => !only || only.has(section);
const profileDir = process.env.BENCH_PROFILE === '1' ? join(tmpdir(), 'bansao-bench-profiles') : undefined;

type Figures = Record<string, unknown>;
const results: Figures = {};
const errors: Record<string, string> = {};
const log = (line: string) => process.stdout.write(`${line}\n`);

/** Sections that run from a bundle, in this order (api and bundles are handled apart). */
const BUNDLED = ['reference', 'fixtures', 'certify-2p', 'certify-200p', 'sign-20mb', 'verify'] as const;

/** Bundles the bundled sections with the production esbuild options (not minified: readable profiles). */
async function bundleSections(out: string): Promise<Set<string>> {
  rmSync(out, { recursive: true, force: true });
  const common = {
    bundle: true, platform: 'node' as const, format: 'esm' as const, target: 'node20', mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
    outdir: out, outExtension: { '.js': '.mjs' }, sourcemap: true, logLevel: 'silent' as const, tsconfig: join(REPO, 'tsconfig.json'),
  };
  const entry = (s: string) => join(REPO, 'bench', 'sections', `${s}.ts`);
  const built = new Set<string>();
  try {
    await build({ ...common, splitting: true, entryPoints: Object.fromEntries(BUNDLED.map((s) => [s, entry(s)])) });
    BUNDLED.forEach((s) => built.add(s));
  } catch {
    // A module that does not build yet (work in progress elsewhere) only costs its own section.
    for (const s of BUNDLED) {
      try {
        await build({ ...common, entryPoints: { [s]: entry(s) } });
        built.add(s);
      } catch (error) {
        errors[s] = `does not build: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`;
      }
    }
  }
  writeFileSync(join(out, 'runner.mjs'), [
    "import { writeFileSync } from 'node:fs';",
    'const section = await import(`./${process.argv[2]}.mjs`);',
    'const result = await section.run();',
    'writeFileSync(process.env.BENCH_OUT, JSON.stringify(result));',
    'process.exit(0);',
  ].join('\n'));
  return built;
}

/** Runs one section in a fresh process; returns its figures or records its error. */
function child(section: string, args: string[], env: Record<string, string> = {}): Figures | undefined {
  const out = join(tmpdir(), `bansao-bench-${process.pid}-${section}.json`);
  rmSync(out, { force: true });
  const prof = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${section}-${Date.now()}.cpuprofile`] : [];
  const res = spawnSync(process.execPath, [...prof, ...args], {
    cwd: REPO, env: { ...process.env, ...env, BENCH_OUT: out }, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const stderr = (res.stderr ?? '').split('\n').filter(Boolean);
  try {
    if (res.status !== 0) throw new Error(stderr.slice(-6).join(' | ') || `exit ${res.status}`);
    return JSON.parse(readFileSync(out, 'utf8')) as Figures;
  } catch (error) {
    errors[section] = (error as Error).message;
    return undefined;
  } finally {
    rmSync(out, { force: true });
  }
}

const section = (name: string, figures: Figures | undefined) => {
  if (figures) Object.assign(results, figures);
  log(`  ${name.padEnd(13)} ${figures ? 'done' : `FAILED: ${errors[name]}`}   (${((performance.now() - started) / 1000).toFixed(0)} s)`);
};

// ---------------------------------------------------------------------------------------------
const load0 = loadavg()[0];
log(`bench: ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, Node ${process.version}, load average ${load0.toFixed(2)}`);
if (load0 > 1) log(`  note: the machine is busy (load ${load0.toFixed(2)} on ${availableParallelism()} cores); figures will be slower and noisier than on a quiet machine.`);
if (profileDir) {
  mkdirSync(profileDir, { recursive: true });
  log(`  CPU profiles of the child processes go to ${profileDir}`);
}

const out = join(tmpdir(), `bansao-bench-build-${process.pid}`);
const built = await bundleSections(out);
const bundled = (name: string, env: Record<string, string> = {}) =>
  built.has(name) ? child(name, [join(out, 'runner.mjs'), name], env) : undefined;

for (const name of BUNDLED) {
  if (name !== 'fixtures' && !wanted(name)) continue;
  if (name === 'certify-200p') {
    // Three fresh processes, one 200-page certification each: RSS is each process's own peak.
    const runs = [1, 2, 3].map(() => bundled(name, { BENCH_RUNS_200P: '1' })).filter((r): r is Figures => !!r);
    if (runs.length) {
      const times = runs.map((r) => r.certify_200p_ms as number);
      const rss = runs.map((r) => r.certify_200p_rss_mb as number);
      section(name, {
        ...runs[0],
        certify_200p_ms: round(median(times), 0),
        certify_200p_ms_runs: times,
        certify_200p_rss_mb: Math.max(...rss),
        certify_200p_rss_mb_runs: rss,
      });
    } else section(name, undefined);
    continue;
  }
  section(name, bundled(name));
}
if (wanted('bundles')) section('bundles', child('bundles', ['--import', 'tsx', join(REPO, 'bench', 'child.ts'), 'bundles']));
// Profiles point into these bundles; their source maps lead back to the sources.
if (!profileDir) rmSync(out, { recursive: true, force: true });

if (wanted('api')) {
  try {
    const api = await import('./sections/api');
    section('api', await api.run(log));
  } catch (error) {
    errors.api = (error as Error).message;
    section('api', undefined);
  }
}

// ---------------------------------------------------------------------------------------------
const speedup = typeof results.sign_20mb_ms === 'number' && typeof results.sign_20mb_signpdf_p12_ms === 'number'
  ? round(results.sign_20mb_signpdf_p12_ms / results.sign_20mb_ms, 1) : undefined;

interface Row {
  label: string;
  key?: string;
  value: number | undefined;
  unit: string;
  better: 'lower' | 'higher';
  target?: number;
  aim?: number;
}
const num = (key: string) => (typeof results[key] === 'number' ? (results[key] as number) : undefined);
const rows: Row[] = [
  { label: 'certify 2 pages, p50 (in process, warm)', key: 'certify_2p_ms_p50', value: num('certify_2p_ms_p50'), unit: 'ms', better: 'lower', target: 80, aim: 30 },
  { label: 'certify 200 pages (~50 MB)', key: 'certify_200p_ms', value: num('certify_200p_ms'), unit: 'ms', better: 'lower', target: 4000, aim: 2000 },
  { label: 'certify 200 pages, peak RSS', key: 'certify_200p_rss_mb', value: num('certify_200p_rss_mb'), unit: 'MB', better: 'lower', target: 512, aim: 400 },
  { label: 'sign 20 MB: ours', key: 'sign_20mb_ms', value: num('sign_20mb_ms'), unit: 'ms', better: 'lower' },
  { label: 'sign 20 MB: @signpdf P12Signer + plain', key: 'sign_20mb_signpdf_p12_ms', value: num('sign_20mb_signpdf_p12_ms'), unit: 'ms', better: 'lower' },
  { label: 'sign 20 MB: speed-up vs P12Signer', value: speedup, unit: '×', better: 'higher', target: 5, aim: 10 },
  { label: 'verify ~1 MB B-LTA copy (in-memory registry)', key: 'verify_1mb_per_s', value: num('verify_1mb_per_s'), unit: '/s', better: 'higher', target: 300, aim: 1000 }, // #19: ≥300, aim 1,000 (SHA-256 alone allows ~1,500)
  { label: 'API certify p50 (gateway+DDB Local+s3rver)', key: 'api_certify_p50_ms', value: num('api_certify_p50_ms'), unit: 'ms', better: 'lower', target: 250 },
  { label: `largest Lambda bundle${results.bundle_kb_max_fn ? ` (${results.bundle_kb_max_fn})` : ''}`, key: 'bundle_kb_max', value: num('bundle_kb_max'), unit: 'KiB', better: 'lower', target: 1536, aim: 1024 },
  { label: `slowest cold init${results.cold_init_ms_max_fn ? ` (${results.cold_init_ms_max_fn})` : ''}`, key: 'cold_init_ms_max', value: num('cold_init_ms_max'), unit: 'ms', better: 'lower', target: 300, aim: 200 },
];
const meets = (r: Row, bound?: number) => bound === undefined || r.value === undefined ? undefined : r.better === 'lower' ? r.value <= bound : r.value >= bound;
const fmt = (v: number | undefined) => (v === undefined ? 'n/a' : v >= 100 ? String(Math.round(v)) : String(round(v, 1)));
const op = (r: Row) => (r.better === 'lower' ? '≤' : '≥');

log('');
log(`${'figure'.padEnd(46)} ${'value'.padStart(8)} ${'unit'.padEnd(4)} ${'target'.padStart(8)} ${'aim'.padStart(8)}  result`);
log('-'.repeat(96));
for (const r of rows) {
  const target = r.target === undefined ? '—' : `${op(r)}${r.target}`;
  const aim = r.aim === undefined ? '—' : `${op(r)}${r.aim}`;
  const ok = meets(r, r.target);
  const aimOk = meets(r, r.aim);
  const verdict = r.value === undefined ? (r.target === undefined ? '' : 'n/a') : ok === undefined ? '' : !ok ? 'MISS' : aimOk === false ? 'PASS (aim missed)' : 'PASS';
  log(`${r.label.padEnd(46)} ${fmt(r.value).padStart(8)} ${r.unit.padEnd(4)} ${target.padStart(8)} ${aim.padStart(8)}  ${verdict}`);
}
log('-'.repeat(96));
if (results.ref_sha256_mb_s !== undefined) {
  log(`physical reference (node:crypto, this machine): SHA-256 ${results.ref_sha256_mb_s} MB/s · RSA-2048 sign ${results.ref_rsa2048_sign_per_s}/s, verify ${results.ref_rsa2048_verify_per_s}/s · ECDSA-P256 sign ${results.ref_ecdsa_p256_sign_per_s}/s`);
}
if (results.fixture_200p_pdf_mb !== undefined) {
  log(`fixtures: 2-page JPEG original ${results.fixture_2p_jpeg_mb} MB · 200-page original ${results.fixture_200p_pdf_mb} MB · signing input ${results.fixture_20mb_pdf_mb} MB (in ${results.dir})`);
}
const notes: string[] = [];
if (results.certify_2p_cpu_ms_p50 !== undefined) notes.push(`CPU time per run (moves less than wall time on a shared machine): certify 2p ${results.certify_2p_cpu_ms_p50} ms · sign 20 MB ours ${results.sign_20mb_cpu_ms} ms vs P12Signer ${results.sign_20mb_signpdf_p12_cpu_ms} ms · verify ${results.verify_1mb_cpu_ms_each} ms · API certify ${results.api_certify_cpu_ms_each} ms (gateway, handler, SDK, s3rver) · slowest init ${results.cold_init_cpu_ms_of_max} ms`);
if (results.certify_200p_rss_mb_runs) notes.push(`200p: times ${JSON.stringify(results.certify_200p_ms_runs)} ms, peak RSS ${JSON.stringify(results.certify_200p_rss_mb_runs)} MB (process after imports ${results.certify_200p_rss_import_mb} MB)`);
if (results.sign_20mb_p12_signer_only_ms !== undefined) notes.push(`P12Signer alone on our placeholder: ${results.sign_20mb_p12_signer_only_ms} ms`);
if (results.verify_1mb_ms_each !== undefined) {
  const hashMs = typeof results.ref_sha256_mb_s === 'number' ? `; SHA-256 of it alone ≈ ${round(((results.verify_1mb_file_kb as number) * 1.024) / results.ref_sha256_mb_s, 2)} ms` : '';
  notes.push(`verify: ${results.verify_1mb_ms_each} ms each (${results.verify_1mb_file_kb} KiB file${hashMs})`);
}
if (results.bundles !== undefined) notes.push(`bundles: ${results.bundles}/${results.bundles_expected} built (target ${results.bundle_target}), ${results.bundles_over_1536_kb} over 1.5 MiB; with --enable-source-maps it would be ${results.cold_init_ms_max_with_source_maps} ms, node alone ${results.cold_init_ms_node_alone} ms`);
if (Array.isArray(results.bundle_rows)) {
  const over = (results.bundle_rows as { fn: string; kb: number; init_ms: number }[]).filter((r) => r.kb > 1536);
  if (over.length) notes.push(`over 1.5 MiB (KiB / init ms): ${over.map((r) => `${r.fn} ${r.kb}/${r.init_ms}`).join(', ')}`);
}
if (Array.isArray(results.bundle_max_top_packages_kb)) notes.push(`largest bundle, KiB by package: ${(results.bundle_max_top_packages_kb as string[]).slice(0, 8).join(', ')}`);
if (results.api_certify_p90_ms !== undefined) notes.push(`API certify: p90 ${results.api_certify_p90_ms} ms, max ${results.api_certify_max_ms} ms over ${results.api_certify_runs} calls`);
for (const n of notes) log(`  ${n}`);
for (const [name, message] of Object.entries(errors)) log(`  ERROR in ${name}: ${message}`);

const totalS = (performance.now() - started) / 1000;
const load1 = loadavg()[0];
Object.assign(results, {
  sign_20mb_speedup: speedup ?? null,
  bench_total_s: round(totalS, 1),
  bench_machine: { cpus: availableParallelism(), model: cpus()[0]?.model, node: process.version, load_avg_start: round(load0, 2), load_avg_end: round(load1, 2) },
  bench_errors: errors,
  bench_at: new Date().toISOString(),
});
for (const key of ['certify_2p_ms_p50', 'certify_200p_ms', 'certify_200p_rss_mb', 'sign_20mb_ms', 'sign_20mb_signpdf_p12_ms', 'verify_1mb_per_s', 'api_certify_p50_ms', 'bundle_kb_max', 'cold_init_ms_max']) {
  if (typeof results[key] !== 'number') results[key] = null;
}
// A partial run (BENCH_ONLY) updates its own figures and keeps the others of the last run.
let written: Figures = results;
if (only) {
  let previous: Figures = {};
  try {
    previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as Figures;
  } catch {
    // no earlier results
  }
  const fresh = Object.fromEntries(Object.entries(results).filter(([, v]) => v !== null));
  written = { ...previous, ...fresh, bench_partial: [...only] };
} else delete results.bench_partial;
writeFileSync(RESULTS, `${JSON.stringify(written, null, 2)}\n`);
log(`\nwrote ${join('bench', 'results.json')} — total ${totalS.toFixed(1)} s (load average ${load0.toFixed(2)} → ${load1.toFixed(2)})`);
process.exit(Object.keys(errors).length ? 1 : 0);
