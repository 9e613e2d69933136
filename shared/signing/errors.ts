import type { Asn1Error, Asn1ErrorCode } from '../asn1';
import { PdfSyntaxError } from '../pdf-syntax';

/**
 * The one error family of shared/signing. These are not DomainErrors on purpose: every input
 * here is produced by the service itself (the composed PDF, configured keys), so a failure is
 * an internal fault that must surface as a 500 with the details in the log, never as a 4xx.
 * The exception is the TSA's (`timestamp-unavailable`, `timestamp-invalid`): an outside service,
 * which the use cases turn into a 503 (shared/use-cases/signature-timestamp.ts).
 */
export type SigningErrorCode =
  /** The PDF cannot be handled (encryption, broken structure): a PdfSyntaxError underneath. */
  | 'unsupported-pdf'
  /** The caller passed options that cannot produce a valid signature. */
  | 'invalid-options'
  /** A private key or certificate is unusable or they do not belong together. */
  | 'invalid-key'
  /** The key holder (local key, KMS) failed or returned a signature that does not verify. */
  | 'signer-failed'
  /** The CMS does not fit into the space reserved in /Contents. */
  | 'signature-too-large'
  /** The RFC 3161 token is malformed or does not cover this signature, or the TSA's answer fails a check. */
  | 'timestamp-invalid'
  /** The time-stamp authority could not be reached in time (network, timeout, HTTP 5xx), retries included. */
  | 'timestamp-unavailable'
  /** The development PKI on disk is unreadable or inconsistent. */
  | 'dev-pki-invalid'
  /** A CRL or OCSP responder did not answer in time, or its answer failed a check (issuer, signature, freshness): B-LT cannot be made now. */
  | 'revocation-unavailable';

/** Any failure of signing or of the dev PKI; `code` says which kind, `cause` keeps the origin. */
export class SigningError extends Error {
  readonly code: SigningErrorCode;

  constructor(code: SigningErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SigningError';
    this.code = code;
  }
}

/** Where the signer reads ASN.1: configured keys and certificates, or a TSA's token. */
type Asn1Source = 'key' | 'timestamp';

/**
 * What each Asn1Error code means to the signer, by where the bytes came from: everything it reads
 * is configured material or a TSA's answer, so each code is a fault of that source (exhaustive on
 * purpose: a new code must be placed here).
 */
const FROM_ASN1: Record<Asn1Source, Record<Asn1ErrorCode, SigningErrorCode>> = {
  key: {
    truncated: 'invalid-key', 'bad-encoding': 'invalid-key', 'trailing-data': 'invalid-key', 'limit-exceeded': 'invalid-key',
    'unexpected-type': 'invalid-key', 'bad-value': 'invalid-key', 'bad-pem': 'invalid-key',
  },
  timestamp: {
    truncated: 'timestamp-invalid', 'bad-encoding': 'timestamp-invalid', 'trailing-data': 'timestamp-invalid', 'limit-exceeded': 'timestamp-invalid',
    'unexpected-type': 'timestamp-invalid', 'bad-value': 'timestamp-invalid', 'bad-pem': 'timestamp-invalid',
  },
};

/** The SigningError for an Asn1Error met reading `source`, chosen by the error's code; `message` leads, the cause stays. */
export function signingErrorFromAsn1(error: Asn1Error, source: Asn1Source, message: string): SigningError {
  return new SigningError(FROM_ASN1[source][error.code], `${message}: ${error.message}`, { cause: error });
}

/** The syntax layer's failures by code: a PDF we cannot read, or options no PDF can hold. */
export function asSigningError(error: unknown): unknown {
  if (error instanceof PdfSyntaxError) return new SigningError('unsupported-pdf', error.message, { cause: error });
  if (error instanceof RangeError) return new SigningError('invalid-options', error.message, { cause: error });
  return error;
}
