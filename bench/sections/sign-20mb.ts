/**
 * sign_20mb_ms vs sign_20mb_signpdf_p12_ms: one PAdES signature on the same ~20 MB PDF (an
 * unsigned composed certified copy of an 80-page scan), ours (signPdf: incremental revision +
 * asn1js CMS hashed over the two byte ranges and filled in place + node:crypto RSA-2048, the
 * official's dev identity) against the pipeline a TypeScript team would use
 * (@signpdf/placeholder-plain + @signpdf/signer-p12's P12Signer, a .p12 of the same identity).
 * Warm (one untimed run each), then runs interleaved; medians.
 * Also P12Signer fed our placeholder: the signer alone, without placeholder-plain's parsing.
 */
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { signPdf } from '#shared/signing/sign-pdf';
import { appendSignaturePlaceholder } from '#shared/signing/signature-revision';
import { benchPki, OFFICIAL } from '../lib/certify';
import { loadFixtures } from '../lib/fixtures';
import { p12Of } from '../lib/p12';
import { mark, median, round } from '../lib/stats';

export async function run() {
  const fixtures = loadFixtures();
  const { pdf, field } = fixtures.composed20mb;
  const pki = await benchPki(fixtures.dir);
  const p12 = p12Of(pki.pki.officials[OFFICIAL.id]);
  const signingTime = new Date();

  const ours = () => signPdf(pdf, { signer: pki.official, signingTime, field, signerName: OFFICIAL.fullName, reason: 'bench', location: 'bench' });
  const stock = async () => {
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length), reason: 'bench', contactInfo: '', name: OFFICIAL.fullName, location: 'bench', signatureLength: 8192,
    });
    return new SignPdf().sign(withPlaceholder, new P12Signer(p12));
  };
  const ourPlaceholder = appendSignaturePlaceholder(pdf, field, { signingTime }, 8192).pdf;
  const p12OnOurPlaceholder = () => new SignPdf().sign(ourPlaceholder, new P12Signer(p12));

  const cpu: Record<'ours' | 'stock', number[]> = { ours: [], stock: [] };
  const time = async (fn: () => Promise<unknown>, cpuOf?: number[]) => {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await fn();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    cpuOf?.push((used.user + used.system) / 1000);
    return ms;
  };
  await ours();
  await stock();
  const runs = Number(process.env.BENCH_RUNS_SIGN ?? 5);
  mark('sign-20mb (ours, stock, P12 alone interleaved)');
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await time(ours, cpu.ours));
    b.push(await time(stock, cpu.stock));
    if (i < 3) c.push(await time(p12OnOurPlaceholder));
  }
  const oursMs = median(a);
  const stockMs = median(b);
  return {
    sign_20mb_ms: round(oursMs),
    sign_20mb_signpdf_p12_ms: round(stockMs, 0),
    sign_20mb_speedup: round(stockMs / oursMs),
    sign_20mb_cpu_ms: round(median(cpu.ours)),
    sign_20mb_signpdf_p12_cpu_ms: round(median(cpu.stock), 0),
    sign_20mb_p12_signer_only_ms: round(median(c), 0),
    sign_20mb_input_mb: round(pdf.length / 1e6, 1),
  };
}
