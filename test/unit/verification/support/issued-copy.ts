import { createHash, randomBytes } from 'node:crypto';
import { newVerifyCode } from '../../../../shared/domain/verify-code';
import { composeCertifiedCopy, type SignatureFieldSpot } from '../../../../shared/pdf/compose-certified-copy';
import { createDevSigner, type DevPki } from '../../../../shared/signing/dev/dev-pki';
import { AGENCY, OFFICIAL, createTestPki as createSigningTestPki, type TestPki as SigningTestPki } from '../../signing/support/test-pki';
import { signPdf } from '../../../../shared/signing/sign-pdf';
import type { Signer } from '../../../../shared/signing/signer';
import type { Timestamper } from '../../../../shared/signing/cms-timestamp';
import { trustListFromPem, type RegistryPort, type RegistryRecord, type TrustList } from '../../../../shared/verification';

export { AGENCY, OFFICIAL };

export interface TestPki extends SigningTestPki {
  trust: TrustList;
}

/** The signing tests' throw-away dev PKI (root → issuing CA → one official, one agency), plus its trust list. */
export async function createTestPki(): Promise<TestPki> {
  const base = await createSigningTestPki();
  return { ...base, trust: trustListFromPem(base.pki.rootCertPem) };
}

/**
 * A JPEG-shaped scan: SOI, a baseline frame header, a scan header, `size` bytes of entropy-coded
 * noise (no 0xFF, so no stray markers) and EOI. Viewers may not render it; the composer only
 * reads the markers and embeds it as DCTDecode, which is all the verifier cares about.
 */
export function fakeJpeg(size: number, width = 1200, height = 1600): Uint8Array {
  const sof = Buffer.from([0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  const sos = Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0]);
  const data = randomBytes(size);
  for (let i = 0; i < data.length; i++) if (data[i] === 0xff) data[i] = 0xfe;
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, sos, data, Buffer.from([0xff, 0xd9])]);
}

export interface IssuedCopy {
  composed: Uint8Array;
  /** Signed by the official only. */
  once: Uint8Array;
  /** Signed by the official, then sealed by the agency: what the service hands out. */
  pdf: Uint8Array;
  verifyCode: string;
  record: RegistryRecord;
  fields: { official: SignatureFieldSpot; agency: SignatureFieldSpot };
  signingTime: Date;
}

export interface IssueOptions {
  scanBytes?: number;
  officialSigner?: Signer;
  agencySigner?: Signer;
  signingTime?: Date;
  /** B-T: a signature time-stamp on both signatures. */
  timestamper?: Timestamper;
}

/** Composes a certified copy of a generated scan and signs it twice, as issuance does. */
export async function issueCopy(pki: DevPki, options: IssueOptions = {}): Promise<IssuedCopy> {
  const verifyCode = newVerifyCode(randomBytes);
  const composed = await composeCertifiedCopy({
    originals: [{ bytes: fakeJpeg(options.scanBytes ?? 4_000), contentType: 'image/jpeg', fileName: 'ban-chinh.jpg' }],
    verifyCode,
    verifyUrl: `https://bansao.example.vn/verify/${verifyCode}`,
    number: 12,
    book: '01/2026-SCT/BS-ĐT',
    attestationLines: ['Chứng thực bản sao đúng với bản chính.', 'Số chứng thực: 12. Quyển số: 01/2026-SCT/BS'],
    official: { fullName: OFFICIAL.fullName, title: 'Công chức Tư pháp - Hộ tịch' },
    agency: { name: AGENCY.name },
  });
  const signingTime = options.signingTime ?? new Date(Date.now() - 60_000);
  const official = composed.fields.official!;
  const once = await signPdf(composed.pdf, {
    signer: options.officialSigner ?? createDevSigner(pki.officials[OFFICIAL.id]),
    signingTime, field: official, signerName: OFFICIAL.fullName, reason: 'Chứng thực bản sao đúng với bản chính', timestamper: options.timestamper,
  });
  const pdf = await signPdf(once, {
    signer: options.agencySigner ?? createDevSigner(pki.agencies[AGENCY.id]),
    signingTime, field: composed.fields.agency, signerName: AGENCY.name, reason: 'Đóng dấu điện tử của cơ quan', timestamper: options.timestamper,
  });
  return {
    composed: composed.pdf, once, pdf, verifyCode, signingTime,
    fields: { official, agency: composed.fields.agency },
    record: recordFor(pdf, verifyCode, { issuedAt: signingTime.toISOString(), pages: composed.pages }),
  };
}

/** The registry record issuance would write for these bytes. */
export function recordFor(pdf: Uint8Array, verifyCode: string, overrides: Partial<RegistryRecord> = {}): RegistryRecord {
  return {
    verifyCode,
    kind: 'certify-copy',
    issuer: AGENCY.name,
    issuedAt: new Date().toISOString(),
    number: 12,
    book: '01/2026-SCT/BS-ĐT',
    pages: 2,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    status: 'valid',
    ...overrides,
  };
}

/** An in-memory registry port. */
export class MemoryRegistry implements RegistryPort {
  private readonly records = new Map<string, RegistryRecord>();

  add(record: RegistryRecord): this {
    this.records.set(record.verifyCode, record);
    return this;
  }

  async byVerifyCode(code: string): Promise<RegistryRecord | undefined> {
    return this.records.get(code);
  }
}
