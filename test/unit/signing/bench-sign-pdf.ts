/**
 * Benchmark, not a test: `npx tsx test/unit/signing/bench-sign-pdf.ts [MB] [pages] [runs]`.
 * Compares our signPdf with @signpdf's stock P12Signer on the same file: fed our placeholder
 * (same file, only the signer differs) and in the stock pipeline (placeholder-plain + P12Signer).
 * Prints the first (cold) run and the median of the following runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { PDFDocument } from 'pdf-lib';
import { createDevSigner, ensureDevPki } from '../../../shared/signing/dev-pki';
import { signPdf } from '../../../shared/signing/sign-pdf';
import { appendSignaturePlaceholder } from '../../../shared/signing/signature-revision';
import { buildPdf } from './support/pdf-fixtures';

const megabytes = Number(process.argv[2] ?? 20);
const pages = Number(process.argv[3] ?? 200);
const runs = Number(process.argv[4] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'bench-sign-'));

async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const rest = times.slice(1).sort((a, b) => a - b);
  const median = rest.length ? rest[Math.floor(rest.length / 2)] : times[0];
  console.log(`${label.padEnd(44)} first ${times[0].toFixed(0).padStart(5)} ms   median ${median.toFixed(0).padStart(5)} ms`);
}

try {
  const pki = await ensureDevPki(join(dir, 'pki'), {
    officials: [{ id: 'official', fullName: 'Trần Thị Bình', agencyName: 'UBND phường Ba Đình' }], agencies: [],
  });
  const identity = pki.officials.official;
  writeFileSync(join(dir, 'key.pem'), identity.keyPem);
  writeFileSync(join(dir, 'chain.pem'), identity.chainPem);
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'chain.pem'),
    '-out', join(dir, 'id.p12'), '-passout', 'pass:', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']);
  const p12 = readFileSync(join(dir, 'id.p12'));

  const pdf = await buildPdf({ pages, imageBytesPerPage: Math.floor((megabytes * 1e6) / pages) });
  console.log(`fixture: ${(pdf.length / 1e6).toFixed(1)} MB, ${pages} pages, ${runs} runs each`);
  const field = { name: 'official', pageIndex: pages - 1, rect: [50, 100, 250, 180] as [number, number, number, number] };
  const signingTime = new Date();
  const signer = createDevSigner(identity);
  const ourPlaceholder = appendSignaturePlaceholder(pdf, field, { signingTime }, 8192).pdf;

  await measure('ours: signPdf', () => signPdf(pdf, { signer, signingTime, field }));
  await measure('stock: P12Signer on our placeholder', () => new SignPdf().sign(ourPlaceholder, new P12Signer(p12)));
  await measure('stock: placeholder-plain + P12Signer', async () => {
    const plain = plainAddPlaceholder({ pdfBuffer: Buffer.from(pdf), reason: 'bench', contactInfo: '', name: 'bench', location: '', signatureLength: 8192 });
    await new SignPdf().sign(plain, new P12Signer(p12));
  });
  await measure('pdf-lib PDFDocument.load (what we avoid)', () => PDFDocument.load(pdf, { updateMetadata: false }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
