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

/** Translates a failure of the PDF syntax layer by its code; anything else keeps its message. */
export function asStructureError(error: unknown): MalformedFileError {
  if (error instanceof MalformedFileError) return error;
  if (error instanceof PdfSyntaxError) return new MalformedFileError(error.message, error.code === 'unsupported', { cause: error });
  return new MalformedFileError((error as Error)?.message ?? String(error), false, { cause: error });
}
