/** Makes the fixtures (or finds them from an earlier run) and describes them. */
import { composeFor, pdfOriginal } from '../lib/certify';
import { ensureFixtures } from '../lib/fixtures';
import { round } from '../lib/stats';

export async function run() {
  const f = await ensureFixtures(async (original) => {
    const { composed } = await composeFor(pdfOriginal(original));
    return { pdf: composed.pdf, field: composed.fields.official! };
  }, (line) => console.log(`  ${line}`));
  return {
    dir: f.dir,
    fixture_2p_jpeg_mb: round((f.twoPageJpegs[0].length + f.twoPageJpegs[1].length) / 1e6, 2),
    fixture_200p_pdf_mb: round(f.pdf200.length / 1e6, 1),
    fixture_20mb_pdf_mb: round(f.composed20mb.pdf.length / 1e6, 1),
  };
}
