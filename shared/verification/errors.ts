/**
 * The one error family of shared/verification: why a file (its PDF structure or its CMS) cannot
 * be read as expected. It never leaves verifyPdf — each one becomes a failed check (fail closed).
 * `unsupported` marks legal features this verifier does not read (xref streams, encryption),
 * as opposed to damage.
 */
export class MalformedFileError extends Error {
  constructor(message: string, readonly unsupported = false, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedFileError';
  }
}
