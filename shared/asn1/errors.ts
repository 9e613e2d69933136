/**
 * The one error family of shared/asn1. `code` is stable so that the signer and the verifier can
 * turn it into their own errors without reading the message, which is for developers only.
 */
export type Asn1ErrorCode =
  /** The input ends inside an element (its header, its contents or its end-of-contents). */
  | 'truncated'
  /** A tag or length octet that X.690 does not allow, or one too large for this reader. */
  | 'bad-encoding'
  /** Bytes follow the element where nothing may. */
  | 'trailing-data'
  /** Nesting or element count beyond this reader's limits (hostile input). */
  | 'limit-exceeded'
  /** Well-formed BER, but not the type the structure expects here (or a required element is missing). */
  | 'unexpected-type'
  /** The right type with a value that cannot be right (an empty INTEGER, a bad time, a duplicate extension). */
  | 'bad-value'
  /** A PEM block whose body is not base64. */
  | 'bad-pem';

/** Any failure to read or write ASN.1, DER, PEM or an X.509 certificate. */
export class Asn1Error extends Error {
  readonly code: Asn1ErrorCode;

  constructor(code: Asn1ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'Asn1Error';
    this.code = code;
  }
}
