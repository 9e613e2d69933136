/**
 * certify_200p_ms / certify_200p_rss_mb: compose + both signatures of a certified copy of a
 * 200-page scanned PDF (~50 MB), in its own process so that the peak RSS (VmHWM) is its own.
 * Warmed like a warm Lambda (two 2-page certifications first), then 3 runs: median time, and the
 * process's peak RSS over everything (module code, the 50 MB input, the ~50 MB copy, both signed
 * revisions). The baseline RSS before the first big run is reported too.
 */
import { benchPki, certifyCopy, jpegOriginals, pdfOriginal } from '../lib/certify';
import { loadFixtures } from '../lib/fixtures';
import { mark, median, peakRssMb, round } from '../lib/stats';

export async function run() {
  const afterImport = process.memoryUsage().rss / 1024 / 1024;
  const fixtures = loadFixtures();
  const pki = await benchPki(fixtures.dir);
  const small = jpegOriginals(fixtures.twoPageJpegs);
  await certifyCopy(pki, small);
  await certifyCopy(pki, small);
  const originals = pdfOriginal(fixtures.pdf200);
  const baseline = process.memoryUsage().rss / 1024 / 1024;
  const times: number[] = [];
  mark('certify-200p');
  let pages = 0;
  let size = 0;
  for (let i = 0; i < Number(process.env.BENCH_RUNS_200P ?? 3); i++) {
    const start = performance.now();
    const result = await certifyCopy(pki, originals);
    times.push(performance.now() - start);
    pages = result.pages;
    size = result.pdf.length;
  }
  return {
    certify_200p_ms: round(median(times), 0),
    certify_200p_ms_runs: times.map((t) => round(t, 0)),
    certify_200p_rss_mb: round(peakRssMb(), 0),
    certify_200p_rss_base_mb: round(baseline, 0),
    certify_200p_rss_import_mb: round(afterImport, 0),
    certify_200p_pages: pages,
    certify_200p_output_mb: round(size / 1e6, 1),
  };
}
