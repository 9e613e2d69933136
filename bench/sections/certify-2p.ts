/**
 * certify_2p_ms_p50: compose + both signatures of a certified copy of a 2-page scanned original
 * (two A4 JPEGs, ~1 MB), in process, warm (10 untimed runs first), median of 60 runs; the
 * median CPU time of the process per run is reported too (robust when the machine is shared).
 */
import { benchPki, certifyCopy, jpegOriginals } from '../lib/certify';
import { loadFixtures } from '../lib/fixtures';
import { percentile, round, sampleWithCpu } from '../lib/stats';

export async function run() {
  const fixtures = loadFixtures();
  const pki = await benchPki(fixtures.dir);
  const originals = jpegOriginals(fixtures.twoPageJpegs);
  const coldStart = performance.now();
  const first = await certifyCopy(pki, originals);
  const cold = performance.now() - coldStart;
  const { wall: times, cpu } = await sampleWithCpu(() => certifyCopy(pki, originals), Number(process.env.BENCH_RUNS_2P ?? 60), 10, 'certify-2p');
  return {
    certify_2p_ms_p50: round(percentile(times, 50)),
    certify_2p_ms_p90: round(percentile(times, 90)),
    certify_2p_cpu_ms_p50: round(percentile(cpu, 50)),
    certify_2p_ms_first: round(cold),
    certify_2p_runs: times.length,
    certify_2p_output_kb: round(first.pdf.length / 1024, 0),
  };
}
