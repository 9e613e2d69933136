import type { Asn1Error, Asn1ErrorCode } from '../asn1';
import { PdfSyntaxError } from '../pdf-syntax';

/**
 * The one error family of shared/verification: why a file (its PDF structure or its CMS) cannot
 * be read as expected. It never leaves verifyPdf — each one becomes a failed check (fail closed).
 * `unsupported` marks legal features this verifier does not read (encryption, linearization),
 * as opposed to damage.
 */
export class MalformedFileError extends Error {
  constructor(message: string, readonly unsupported = false, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedFileError';
  }
}

/** What each Asn1Error code says about a signature's bytes (exhaustive: a new code must be placed here). */
const ASN1_PROBLEMS: Record<Asn1ErrorCode, string> = {
  truncated: 'the CMS is cut short',
  'bad-encoding': 'the CMS is not valid BER',
  'trailing-data': 'the CMS has bytes where none may be',
  'limit-exceeded': 'the CMS is nested or repeated beyond reason',
  'unexpected-type': 'the CMS does not have the SignedData shape',
  'bad-value': 'the CMS holds an impossible value',
  'bad-pem': 'the input is not valid PEM',
};

/** The MalformedFileError for an Asn1Error met reading a signature, chosen by its code. */
export function malformedFromAsn1(error: Asn1Error): MalformedFileError {
  return new MalformedFileError(`${ASN1_PROBLEMS[error.code]}: ${error.message}`, false, { cause: error });
}

/** Translates a failure of the PDF syntax layer by its code; anything else keeps its message. */
export function asStructureError(error: unknown): MalformedFileError {
  if (error instanceof MalformedFileError) return error;
  if (error instanceof PdfSyntaxError) return new MalformedFileError(error.message, error.code === 'unsupported', { cause: error });
  return new MalformedFileError((error as Error)?.message ?? String(error), false, { cause: error });
}
