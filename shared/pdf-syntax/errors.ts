/**
 * The one error family of shared/pdf-syntax. Callers translate it by `code`, never by message:
 * the signer into SigningError('unsupported-pdf'), the verifier into MalformedFileError.
 */
export type PdfSyntaxErrorCode =
  /** The bytes break the PDF grammar or contradict themselves (damage or forgery). */
  | 'malformed'
  /** A legal feature this layer does not read (encryption, linearization, an unknown filter). */
  | 'unsupported'
  /** A work limit was reached: the file asks for more work than any real document needs. */
  | 'limit';

/** Any failure to read PDF syntax; `code` says which kind, `cause` keeps the origin. */
export class PdfSyntaxError extends Error {
  readonly code: PdfSyntaxErrorCode;

  constructor(code: PdfSyntaxErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PdfSyntaxError';
    this.code = code;
  }
}

/** A 'malformed' PdfSyntaxError (the common case, kept short at the call sites). */
export function malformed(message: string, options?: ErrorOptions): PdfSyntaxError {
  return new PdfSyntaxError('malformed', message, options);
}
