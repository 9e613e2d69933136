import type { DocumentRecord } from '../domain/document';
import { ServiceUnavailableError } from '../domain/errors';
import { extendToLta, SigningError } from '../signing';
import type { LongTermServices } from './ports';
import { pemToDerList } from '../asn1';
import { trustListPem } from '../runtime/trust-list';

/** The trust list's roots, which complete the chains the signatures carry (read once per process). */
let anchors: Uint8Array[] | undefined;
export function trustAnchors(): Uint8Array[] {
  anchors ??= (() => {
    try {
      return pemToDerList(trustListPem(), 'CERTIFICATE');
    } catch {
      return [];
    }
  })();
  return anchors;
}

/** A sealed copy made B-LTA, with what the registry keeps about it. */
export interface LongTermCopy {
  pdf: Uint8Array;
  /** SHA-256 (hex) of `pdf`, taken on the document time-stamp's pass over it. */
  sha256: string;
  sealed: NonNullable<DocumentRecord['sealed']>;
  /** The B-LTA state at issuance: no renewal yet. */
  ltv: NonNullable<DocumentRecord['ltv']>;
}

/**
 * Makes the sealed copy B-LTA (docs/long-term-validation.md): the DSS with every chain and its
 * revocation data, then a document time-stamp (ETSI EN 319 142-1 §6.3, §6.4). The sealed bytes are
 * the prefix of the result; their length and hash are what every later version is checked against.
 */
export async function longTermCopy(services: LongTermServices, sealedPdf: Uint8Array): Promise<LongTermCopy> {
  const extended = await unavailableAsDomain(() => extendToLta(sealedPdf, { tsa: services.timestamps, revocation: services.revocation, now: services.now, anchors: trustAnchors() }));
  return {
    pdf: extended.pdf,
    sha256: extended.sha256.pdf,
    sealed: { length: sealedPdf.length, sha256: extended.sha256.input },
    ltv: { tsaCertNotAfter: new Date(extended.tsaCertificate.notAfter).toISOString(), renewals: [] },
  };
}

/**
 * The time-stamp authority or a revocation responder not answering is not a fault of the copy:
 * the caller gets a 503 problem and may retry (nothing was stored, the number is given back).
 */
export async function unavailableAsDomain<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SigningError && error.code === 'timestamp-unavailable') {
      throw new ServiceUnavailableError('timestamp-unavailable', 'Dịch vụ cấp dấu thời gian tạm thời không phản hồi; bản sao chưa được cấp, vui lòng thử lại sau ít phút.', { cause: error });
    }
    if (error instanceof SigningError && error.code === 'revocation-unavailable') {
      throw new ServiceUnavailableError('revocation-unavailable', 'Chưa lấy được thông tin thu hồi chứng thư số; bản sao chưa được cấp, vui lòng thử lại sau ít phút.', { cause: error });
    }
    throw error;
  }
}
