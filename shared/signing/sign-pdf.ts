import { readXrefIndex } from '../pdf-syntax';
import { createDetachedCms, type Timestamper } from './cms';
import { asSigningError, SigningError } from './errors';
import { fillSignaturePlaceholder } from './fill-signature';
import { appendSignaturePlaceholder, type PlaceholderRevision, type SignatureFieldSpot } from './signature-revision';
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

  const signed = await fillSignaturePlaceholder(placeholder.pdf, (ranges) =>
    createDetachedCms({ signer: options.signer, content: ranges, timestamper: options.timestamper }));
  assertSignedAsPlanned(input, placeholder, signed);
  return signed;
}

/**
 * Checks that the fill touched our placeholder and nothing else: the earlier revisions are
 * byte-identical, the /ByteRange spans exactly our /Contents up to the end of the file, and the
 * result still parses. A surprise here means a bug, and a broken file must never leave.
 */
function assertSignedAsPlanned(input: Buffer, placeholder: PlaceholderRevision, signed: Buffer): void {
  const broken = (why: string) => new SigningError('unsupported-pdf', `The signed PDF came out inconsistent: ${why}.`);
  // As @signpdf does, the final end-of-line is dropped so that the last byte range ends at the file's end.
  if (signed.length !== placeholder.pdf.length - 1) throw broken('unexpected length');
  if (!signed.subarray(0, input.length).equals(input)) throw broken('the earlier revisions changed');
  const byteRangeText = signed.subarray(placeholder.byteRangeOffset, placeholder.contentsOffset).toString('latin1');
  const match = /^\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\] *\n\/Contents $/.exec(byteRangeText);
  if (!match) throw broken('the /ByteRange was not filled in place');
  const [start, firstLength, secondStart, secondLength] = match.slice(1).map(Number);
  const contentsEnd = placeholder.contentsOffset + placeholder.contentsHexLength + 2;
  if (start !== 0 || firstLength !== placeholder.contentsOffset || secondStart !== contentsEnd
    || secondStart + secondLength !== signed.length) {
    throw broken('the /ByteRange does not frame this signature\'s /Contents');
  }
  const contents = signed.subarray(placeholder.contentsOffset, contentsEnd).toString('latin1');
  if (!/^<30[0-9a-f]+>$/.test(contents)) throw broken('the /Contents is not a DER SEQUENCE in hex');
  try {
    readXrefIndex(signed);
  } catch (error) {
    throw asSigningError(error);
  }
}
