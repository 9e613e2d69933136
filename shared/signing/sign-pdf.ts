import { createDetachedCms, type Timestamper } from './cms';
import { SigningError } from './errors';
import { fillPlaceholderRevision } from './fill-signature';
import { appendSignaturePlaceholder, type SignatureFieldSpot } from './signature-revision';
import type { Signer } from './signer';

export type { SignatureFieldSpot } from './signature-revision';

export interface SignPdfOptions {
  signer: Signer;
  /** The claimed signing time, written to /M (PAdES B-B carries no signing-time attribute). */
  signingTime: Date;
  field: SignatureFieldSpot;
  reason?: string;
  signerName?: string;
  location?: string;
  contactInfo?: string;
  /** Bytes reserved for the CMS; the default fits B-B and B-T with a chain of a few certificates. */
  signatureLength?: number;
  /** Makes the signature B-T; see cms.ts. */
  timestamper?: Timestamper;
}

/** 8 KB of CMS = 16 KB of hex: B-B needs ~3 KB, B-T ~5.5 KB (docs/signatures.md "One signature, step by step"). */
export const DEFAULT_SIGNATURE_LENGTH = 8192;
const MIN_SIGNATURE_LENGTH = 1024;
const MAX_SIGNATURE_LENGTH = 65536;

/** Appends one incremental revision holding a PAdES B-B signature over the whole file so far. */
export async function signPdf(pdf: Uint8Array, options: SignPdfOptions): Promise<Uint8Array> {
  const signatureLength = options.signatureLength ?? DEFAULT_SIGNATURE_LENGTH;
  if (!Number.isInteger(signatureLength) || signatureLength < MIN_SIGNATURE_LENGTH || signatureLength > MAX_SIGNATURE_LENGTH) {
    throw new SigningError('invalid-options', `signatureLength must be an integer between ${MIN_SIGNATURE_LENGTH} and ${MAX_SIGNATURE_LENGTH} bytes.`);
  }
  const input = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
  const placeholder = appendSignaturePlaceholder(input, options.field, {
    signingTime: options.signingTime,
    signerName: options.signerName,
    reason: options.reason,
    location: options.location,
    contactInfo: options.contactInfo,
  }, signatureLength);

  return fillPlaceholderRevision(input, placeholder, (ranges) =>
    createDetachedCms({ signer: options.signer, content: ranges, timestamper: options.timestamper }));
}
