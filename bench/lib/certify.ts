/**
 * The in-process certify path without the stores: compose the certified copy, then the official's
 * and the agency's PAdES signatures — exactly what shared/use-cases/issue-document.ts does between
 * taking a number and putting the PDF in S3, with the dev PKI's RSA-2048 identities and each
 * signature time-stamped by the local TSA (infra/local/dev-tsa.ts) over loopback HTTP.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { attestationLines } from '../../shared/domain/attestation';
import { bookLabel, numberingYear } from '../../shared/domain/numbering';
import { newVerifyCode } from '../../shared/domain/verify-code';
import { composeCertifiedCopy, type OriginalFile } from '../../shared/pdf/compose-certified-copy';
import { createDevSigner, ensureDevPki, type DevPki } from '../../shared/signing/dev/dev-pki';
import { signPdf } from '../../shared/signing/sign-pdf';
import type { Signer } from '../../shared/signing/signer';
import type { Timestamper } from '../../shared/signing/cms';
import { TsaClient } from '../../shared/signing/tsa-client';
import { signatureTimestamper } from '../../shared/use-cases/signature-timestamp';
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
}

/** The dev PKI (root, issuing CA, one official, one agency seal), kept with the fixtures. */
export async function benchPki(fixturesDir: string): Promise<BenchPki> {
  const dir = join(fixturesDir, 'pki');
  const pki = await ensureDevPki(dir, {
    officials: [{ id: OFFICIAL.id, fullName: OFFICIAL.fullName, agencyName: AGENCY.name }],
    agencies: [{ id: AGENCY.id, name: AGENCY.name }],
  });
  const tsa = await startDevTsa(pki.tsa); // the child process exits when its section is done
  return {
    pki, dir, official: createDevSigner(pki.officials[OFFICIAL.id]), agency: createDevSigner(pki.agencies[AGENCY.id]),
    timestamper: signatureTimestamper(new TsaClient({ url: tsa.url })),
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

/** Compose + both signatures, as issueDocument does; returns the signed bytes. */
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
  return { pdf, pages: composed.pages, verifyCode, number, book, issuedAt };
}

export const jpegOriginals = (jpegs: Uint8Array[]): OriginalFile[] =>
  jpegs.map((bytes, i) => ({ bytes, contentType: 'image/jpeg', fileName: `trang-${i + 1}.jpg` }));

export const pdfOriginal = (bytes: Uint8Array): OriginalFile[] => [{ bytes, contentType: 'application/pdf', fileName: 'ban-goc.pdf' }];
