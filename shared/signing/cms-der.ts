import * as asn1js from 'asn1js';

/**
 * DER building blocks for the CMS on top of asn1js. asn1js encodes the elements we create; the
 * elements we only pass on (certificates, the issuer Name and serial number taken from one, a
 * TSA's token) are written back exactly as they came, as {@link EncodedElement}s, so nothing we
 * did not make is ever re-encoded, and nothing is parsed just to be written again.
 */

const CONTEXT_SPECIFIC = 3;

/** An element whose encoding is already known, written out byte for byte. */
export class EncodedElement extends asn1js.BaseBlock {
  constructor(private readonly encoding: Uint8Array) {
    super();
  }

  /** asn1js hands children a writer when it assembles a constructed value; the root gets none. */
  override toBER(sizeOnly?: boolean, writer?: asn1js.ViewWriter): ArrayBuffer {
    const bytes = sizeOnly ? new ArrayBuffer(this.encoding.length) : this.encoding.slice().buffer;
    if (!writer) return bytes;
    writer.write(bytes);
    return new ArrayBuffer(0);
  }
}

/** `[n]` around constructed content: EXPLICIT tagging, or IMPLICIT over a SET OF / SEQUENCE OF. */
export function contextTagged(tagNumber: number, value: asn1js.BaseBlock[]): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: CONTEXT_SPECIFIC, tagNumber }, value });
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } (RFC 5280 §4.1.1.2). */
export function algorithmIdentifier(oid: string, parameters?: asn1js.BaseBlock): asn1js.Sequence {
  const value: asn1js.BaseBlock[] = [new asn1js.ObjectIdentifier({ value: oid })];
  if (parameters) value.push(parameters);
  return new asn1js.Sequence({ value });
}

/**
 * A DER SET OF: its elements ordered by their encodings (X.690 §11.6). Each element is encoded
 * once, and the result is the complete SET OF (first octet 0x31).
 */
export function derSetOf(elements: asn1js.BaseBlock[]): Uint8Array {
  const encodings = elements.map((element) => encode(element));
  encodings.sort(compareDer);
  return encode(new asn1js.Set({ value: encodings.map((bytes) => new EncodedElement(bytes)) }));
}

/** Compares two encodings as octet strings, the shorter one padded with trailing zeros (X.690 §11.6). */
export function compareDer(a: Uint8Array, b: Uint8Array): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The same encoding under another tag octet: `[0] IMPLICIT SET OF` is a SET OF whose first
 * octet 0x31 becomes 0xA0 (same length and content octets).
 */
export function retagged(encoding: Uint8Array, tagOctet: number): Uint8Array {
  const copy = Uint8Array.from(encoding);
  copy[0] = tagOctet;
  return copy;
}

/** The encoding of an asn1js element. */
export function encode(element: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(element.toBER());
}
