/**
 * Benchmark, not a test: `npx tsx test/unit/verification/bench-verify-pdf.ts [MB] [seconds]`.
 * Issues a certified copy of a generated scan of about MB megabytes (composed, signed by the
 * official, sealed by the agency), then runs full verifications (signatures, chain, revisions,
 * registry, whole-file hash) back to back on one core and prints verifications per second, by
 * wall time and by CPU time (the two agree on an idle machine).
 */
import { verifyPdf } from '../../../shared/verification';
import { MemoryRegistry, createTestPki, issueCopy } from './support/issued-copy';

const megabytes = Number(process.argv[2] ?? 1);
const seconds = Number(process.argv[3] ?? 5);

const env = await createTestPki();
try {
  const copy = await issueCopy(env.pki, { scanBytes: Math.round(megabytes * 1_000_000) });
  const ctx = { trust: env.trust, registry: new MemoryRegistry().add(copy.record), now: new Date() };
  const first = performance.now();
  const report = await verifyPdf(copy.pdf, ctx);
  const cold = performance.now() - first;
  if (report.verdict !== 'authentic') throw new Error(`expected authentic, got ${report.verdict}: ${JSON.stringify(report.checks.filter((c) => !c.passed))}`);
  for (let i = 0; i < 50; i++) await verifyPdf(copy.pdf, ctx); // warm-up
  let runs = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  while (performance.now() - start < seconds * 1000) {
    await verifyPdf(copy.pdf, ctx);
    runs++;
  }
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // On a shared machine wall time includes waiting for the CPU; CPU time is what one core costs.
  console.log(`file ${(copy.pdf.length / 1e6).toFixed(2)} MB, 2 signatures: cold ${cold.toFixed(1)} ms\n`
    + `  wall: ${(runs / elapsed).toFixed(0)} verifications/s (${((elapsed * 1000) / runs).toFixed(2)} ms each, ${runs} runs)\n`
    + `  cpu:  ${(runs / cpuSeconds).toFixed(0)} verifications per CPU-second (${((cpuSeconds * 1000) / runs).toFixed(2)} ms each)`);
} finally {
  env.cleanup();
}
