/**
 * The in-process certify path without the stores: compose the certified copy, then the official's
 * and the agency's PAdES signatures, then B-LTA (the DSS with every chain and CRL, and a document
 * time-stamp) — what shared/use-cases/issue-document.ts does between taking a number and putting
 * the PDF in S3, with the dev PKI's RSA-2048 identities, the local TSA (infra/local/dev-tsa.ts)
 * and the dev CAs' CRLs over loopback HTTP. CRLs are reused for 300 s, the signing functions'
 * default in AWS (the local stack sets 0 so that a revocation bites at once).
 */
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { attestationLines } from '#shared/domain/attestation';
import { bookLabel, numberingYear } from '#shared/domain/numbering';
import { newVerifyCode } from '#shared/domain/verify-code';
import { composeCertifiedCopy, type OriginalFile } from '#shared/pdf/compose-certified-copy';
import { DEV_CRL_FILES, createDevSigner, ensureDevPki, freshDevCrl, type DevPki } from '#shared/signing/dev/dev-pki';
import { extendToLta } from '#shared/signing/long-term-validation';
import { HttpRevocationSource } from '#shared/signing/revocation-source';
import { pemToDerList } from '#shared/asn1/index';
import { signPdf } from '#shared/signing/sign-pdf';
import type { Signer } from '#shared/signing/signer';
import type { Timestamper } from '#shared/signing/cms';
import { TsaClient } from '#shared/signing/tsa-client';
import { signatureTimestamper } from '#shared/use-cases/signature-timestamp';
import { startDevTsa } from '../../infra/local/dev-tsa';

export const AGENCY = { id: 'ubnd-phuong-ba-dinh', name: 'Ủy ban nhân dân phường Ba Đình' };
export const OFFICIAL = { id: 'dev-official', fullName: 'Trần Thị Bình', title: 'Phó Chủ tịch' };

export interface BenchPki {
  pki: DevPki;
  dir: string;
  official: Signer;
  agency: Signer;
  /** Each signature's time-stamp (PAdES B-T) from the local stack's TSA over HTTP, as certify gets it. */
  timestamper: Timestamper;
  tsa: TsaClient;
  revocation: HttpRevocationSource;
}

/** The dev CAs' CRLs at the URL their certificates name, as the local gateway serves them under /pki/. */
async function servePki(dir: string): Promise<string> {
  const server = createServer((req, res) => {
    const file = (req.url ?? '').replace(/^\/pki\//, '');
    const name = (Object.keys(DEV_CRL_FILES) as (keyof typeof DEV_CRL_FILES)[]).find((ca) => DEV_CRL_FILES[ca] === file);
    (name ? freshDevCrl(dir, name) : Promise.resolve(undefined)).then((der) => {
      if (!der) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/pkix-crl', 'content-length': String(der.length) }).end(der);
    }, () => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref(); // the child process exits when its section is done
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/pki`;
}

/** The dev PKI (root, issuing CA, one official, one agency seal), kept with the fixtures. */
export async function benchPki(fixturesDir: string): Promise<BenchPki> {
  // pki-v2: CAs that publish CRLs (a PKI made before keeps no root key and publishes none).
  const dir = join(fixturesDir, 'pki-v2');
  // A new port each run: the certificates naming the previous one are reissued (a setup cost, untimed).
  const publicationBaseUrl = await servePki(dir);
  const pki = await ensureDevPki(dir, {
    officials: [{ id: OFFICIAL.id, fullName: OFFICIAL.fullName, agencyName: AGENCY.name }],
    agencies: [{ id: AGENCY.id, name: AGENCY.name }],
  }, new Date(), { publicationBaseUrl });
  const tsa = await startDevTsa(pki.tsa); // the child process exits when its section is done
  const client = new TsaClient({ url: tsa.url });
  return {
    pki, dir, official: createDevSigner(pki.officials[OFFICIAL.id]), agency: createDevSigner(pki.agencies[AGENCY.id]),
    timestamper: signatureTimestamper(client),
    tsa: client,
    revocation: new HttpRevocationSource({ timeoutMs: 3_000, maxCacheMs: 300_000 }),
  };
}

let seq = 0;

/** Composes the copy for the next number (no signature yet); also used to make the 20 MB fixture. */
export async function composeFor(originals: OriginalFile[], issuedAt = new Date()) {
  seq += 1;
  const label = bookLabel({ year: numberingYear(issuedAt), bookCode: 'SCT/BS-ĐT' });
  const verifyCode = newVerifyCode((n) => randomBytes(n));
  const official = { fullName: OFFICIAL.fullName, title: OFFICIAL.title };
  const composed = await composeCertifiedCopy({
    originals,
    verifyCode,
    verifyUrl: `https://bansao.example.gov.vn/verify/${verifyCode}`,
    number: seq,
    book: label,
    attestationLines: attestationLines({ sequenceNo: seq, book: label, certifiedAt: issuedAt, official, agencyName: AGENCY.name }),
    official,
    agency: { name: AGENCY.name },
    title: 'Bằng tốt nghiệp THPT',
    createdAt: issuedAt,
  });
  return { composed, verifyCode, number: seq, book: label };
}

/** Compose + both signatures + B-LTA, as issueDocument does; returns the issued bytes. */
export async function certifyCopy(pki: BenchPki, originals: OriginalFile[]) {
  const issuedAt = new Date();
  const { composed, verifyCode, number, book } = await composeFor(originals, issuedAt);
  let pdf = await signPdf(composed.pdf, {
    signer: pki.official, signingTime: issuedAt, field: composed.fields.official!, signerName: OFFICIAL.fullName,
    reason: 'Chứng thực bản sao đúng với bản chính', location: AGENCY.name, timestamper: pki.timestamper,
  });
  pdf = await signPdf(pdf, {
    signer: pki.agency, signingTime: issuedAt, field: composed.fields.agency, signerName: AGENCY.name,
    reason: 'Đóng dấu điện tử của cơ quan thực hiện chứng thực', location: AGENCY.name, timestamper: pki.timestamper,
  });
  pdf = (await extendToLta(pdf, { tsa: pki.tsa, revocation: pki.revocation, now: () => new Date(), anchors: pemToDerList(pki.pki.rootCertPem, 'CERTIFICATE') })).pdf;
  return { pdf, pages: composed.pages, verifyCode, number, book, issuedAt };
}

export const jpegOriginals = (jpegs: Uint8Array[]): OriginalFile[] =>
  jpegs.map((bytes, i) => ({ bytes, contentType: 'image/jpeg', fileName: `trang-${i + 1}.jpg` }));

export const pdfOriginal = (bytes: Uint8Array): OriginalFile[] => [{ bytes, contentType: 'application/pdf', fileName: 'ban-goc.pdf' }];
