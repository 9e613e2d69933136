import { PdfSyntaxError } from '../pdf-syntax';

/**
 * The one error family of shared/signing. These are not DomainErrors on purpose: every input
 * here is produced by the service itself (the composed PDF, configured keys), so a failure is
 * an internal fault that must surface as a 500 with the details in the log, never as a 4xx.
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
  /** The RFC 3161 token is malformed or does not cover this signature. */
  | 'timestamp-invalid'
  /** The development PKI on disk is unreadable or inconsistent. */
  | 'dev-pki-invalid';

/** Any failure of signing or of the dev PKI; `code` says which kind, `cause` keeps the origin. */
export class SigningError extends Error {
  readonly code: SigningErrorCode;

  constructor(code: SigningErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SigningError';
    this.code = code;
  }
}

/** The syntax layer's failures by code: a PDF we cannot read, or options no PDF can hold. */
export function asSigningError(error: unknown): unknown {
  if (error instanceof PdfSyntaxError) return new SigningError('unsupported-pdf', error.message, { cause: error });
  if (error instanceof RangeError) return new SigningError('invalid-options', error.message, { cause: error });
  return error;
}
