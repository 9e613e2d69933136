import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevSigner } from '../../../shared/signing/dev-pki';
import { signPdf } from '../../../shared/signing/sign-pdf';
import { buildPdf } from './support/pdf-fixtures';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from './support/test-pki';
import { createNssDb, pdfsig, qpdfCheck, runTool } from './support/tools';

const PAGES = 200;
const field = (name: string) => ({ name, pageIndex: PAGES - 1, rect: [50, 100, 250, 180] as [number, number, number, number] });

async function medianMs(runs: number, run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up: first-touch page faults and JIT would otherwise dominate
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

describe('Function: signPdf on large scans', () => {
  let env: TestPki;
  let nssDb: string;

  beforeAll(async () => {
    env = await createTestPki();
    mkdirSync(join(env.dir, 'nss'));
    nssDb = createNssDb(join(env.dir, 'nss'), env.pki.rootCertPem);
  });
  afterAll(() => env.cleanup());

  it('signs a 20 MB, 200-page PDF several times faster than the stock placeholder-plain + P12Signer', async () => {
    // Prepare
    const identity = env.pki.officials[OFFICIAL.id];
    writeFileSync(join(env.dir, 'key.pem'), identity.keyPem);
    writeFileSync(join(env.dir, 'chain.pem'), identity.chainPem);
    const p12 = runTool('openssl', ['pkcs12', '-export', '-inkey', join(env.dir, 'key.pem'), '-in', join(env.dir, 'chain.pem'),
      '-out', join(env.dir, 'id.p12'), '-passout', 'pass:', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']);
    expect(p12.status, p12.stderr).toBe(0);
    const p12Bytes = readFileSync(join(env.dir, 'id.p12'));
    const pdf = await buildPdf({ pages: PAGES, imageBytesPerPage: 100_000 });
    expect(pdf.length).toBeGreaterThan(20_000_000);
    const signer = createDevSigner(identity);

    // Act
    const ours = await medianMs(3, () => signPdf(pdf, { signer, signingTime: new Date(), field: field('official') }));
    const stock = await medianMs(3, async () => {
      const withPlaceholder = plainAddPlaceholder({ pdfBuffer: Buffer.from(pdf), reason: 'r', contactInfo: '', name: 'n', location: '', signatureLength: 8192 });
      await new SignPdf().sign(withPlaceholder, new P12Signer(p12Bytes));
    });

    // Assess: 5–10x measured on a 2-vCPU VM (less under vitest, whose larger heap slows the GCs
    // that 20 MB buffers trigger); the 3x floor still catches a return to whole-document parsing
    console.info(`20 MB / ${PAGES} pages: signPdf ${ours.toFixed(0)} ms, placeholder-plain + P12Signer ${stock.toFixed(0)} ms`);
    expect(ours * 3).toBeLessThan(stock);
  }, 60_000);

  it('signs a 50 MB, 200-page PDF twice, both signatures valid and the file clean', async () => {
    // Prepare
    const pdf = await buildPdf({ pages: PAGES, imageBytesPerPage: 250_000 });
    expect(pdf.length).toBeGreaterThan(50_000_000);

    // Act
    const once = await signPdf(pdf, { signer: createDevSigner(env.pki.officials[OFFICIAL.id]), signingTime: new Date(), field: field('official') });
    const twice = await signPdf(once, { signer: createDevSigner(env.pki.agencies[AGENCY.id]), signingTime: new Date(), field: field('agency') });
    const file = join(env.dir, 'large.pdf');
    writeFileSync(file, twice);

    // Assess
    const signatures = pdfsig(file, nssDb);
    expect(signatures.map((s) => [s.valid, s.trusted])).toEqual([[true, true], [true, true]]);
    expect(signatures[1].totalDocumentSigned).toBe(true);
    expect(qpdfCheck(file).status).toBe(0);
  }, 60_000);
});
