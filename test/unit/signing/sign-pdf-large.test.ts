import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevSigner } from '../../../shared/signing/dev/dev-pki';
import { signPdf } from '../../../shared/signing/sign-pdf';
import { buildPdf } from './support/pdf-fixtures';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from './support/test-pki';
import { createNssDb, pdfsig, qpdfCheck } from './support/tools';

const PAGES = 200;
const field = (name: string) => ({ name, pageIndex: PAGES - 1, rect: [50, 100, 250, 180] as [number, number, number, number] });

describe('Function: signPdf on large scans', () => {
  let env: TestPki;
  let nssDb: string;

  beforeAll(async () => {
    env = await createTestPki();
    mkdirSync(join(env.dir, 'nss'));
    nssDb = createNssDb(join(env.dir, 'nss'), env.pki.rootCertPem);
  });
  afterAll(() => env.cleanup());

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
