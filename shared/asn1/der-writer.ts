import * as asn1js from 'asn1js';
import { TAG, children, joinedContent, primitiveContent, type Node } from './der-reader';
import { Asn1Error } from './errors';

/**
 * DER writing, two ways. Elements we create (the CMS) are built as asn1js objects and encoded by
 * asn1js, whose output the tests hold byte for byte to PKI.js's; elements we only pass on
 * (certificates, a TSA's token, an issuer Name) are written back exactly as they came, as
 * {@link EncodedElement}s. Re-encoding what someone else sent as BER (signed attributes, before
 * checking a signature over them) is hand-written below: asn1js writes a parsed element back in
 * the form it was read (indefinite lengths included), and X.690 §10's canonical form is a few
 * lines here.
 */

const SET_OF = 0x31;

/** An element whose encoding is already known, written out byte for byte. */
export class EncodedElement extends asn1js.BaseBlock {
  constructor(private readonly encoding: Uint8Array) {
    super();
  }

  /** asn1js hands children a writer when it assembles a constructed value; the root gets none. */
  override toBER(sizeOnly?: boolean, writer?: asn1js.ViewWriter): ArrayBuffer {
    // A copy: a Buffer's `.buffer` may be Node's shared pool, not just these bytes.
    const bytes = sizeOnly ? new ArrayBuffer(this.encoding.length) : new Uint8Array(this.encoding).buffer;
    if (!writer) return bytes;
    writer.write(bytes);
    return new ArrayBuffer(0);
  }
}

/** `[n]` around constructed content: EXPLICIT tagging, or IMPLICIT over a SET OF / SEQUENCE OF (X.690 §8.14). */
export function contextTagged(tagNumber: number, value: asn1js.BaseBlock[]): asn1js.Constructed {
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } (RFC 5280 §4.1.1.2). */
export function algorithmIdentifier(oid: string, parameters?: asn1js.BaseBlock): asn1js.Sequence {
  const value: asn1js.BaseBlock[] = [new asn1js.ObjectIdentifier({ value: oid })];
  if (parameters) value.push(parameters);
  return new asn1js.Sequence({ value });
}

/** The encoding of an asn1js element. */
export function encode(element: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(element.toBER());
}

/** A DER SET OF asn1js elements, ordered by their encodings (X.690 §11.6); first octet 0x31. */
export function derSetOf(elements: asn1js.BaseBlock[]): Uint8Array {
  return setOfEncodings(elements.map(encode), true);
}

/** A SET OF around complete element encodings, sorted as DER wants them unless `sorted` is false. */
function setOfEncodings(encodings: Uint8Array[], sorted: boolean): Uint8Array {
  if (sorted) encodings.sort(compareDer);
  const content = Buffer.concat(encodings);
  return new Uint8Array(Buffer.concat([Buffer.of(SET_OF), lengthOctets(content.length), content]));
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

/**
 * DER encoding of an element read from BER (X.690 §10): definite lengths in the shortest form,
 * chunked strings joined, SET OF elements sorted. `sortSets: false` keeps the received order,
 * for signers that signed an unsorted SET.
 */
export function toDer(node: Node, sortSets = true, depth = 0): Buffer {
  if (depth > 64) throw new Asn1Error('limit-exceeded', 'element nested too deeply');
  const universal = node.tagClass === 0;
  let constructed = node.constructed;
  let content: Buffer;
  if (!constructed) {
    content = Buffer.from(primitiveContent(node));
  } else if (universal && STRING_TYPES.has(node.tagNumber)) { // §10.2: strings in the primitive form
    content = Buffer.from(joinedContent(node, node.tagNumber, 'string'));
    constructed = false;
  } else {
    const parts = children(node, 'element').map((child) => toDer(child, sortSets, depth + 1));
    if (universal && node.tagNumber === TAG.SET && sortSets) parts.sort(compareDer);
    content = Buffer.concat(parts);
  }
  return Buffer.concat([identifier(node.tagClass, constructed, node.tagNumber), lengthOctets(content.length), content]);
}

/** DER of a SET OF whose elements are `items` (e.g. signed attributes stored as [0] IMPLICIT). */
export function setOfDer(items: Node[], sortSets: boolean): Uint8Array {
  return setOfEncodings(items.map((item) => toDer(item, sortSets)), sortSets);
}

const STRING_TYPES = new Set<number>([TAG.OCTET_STRING, TAG.UTF8, TAG.PRINTABLE, TAG.T61, TAG.IA5, TAG.BMP, TAG.UTC_TIME, TAG.GENERALIZED_TIME]);

/** Identifier octets (X.690 §8.1.2); `tagClass` 0 (universal) to 3 (private). */
function identifier(tagClass: number, constructed: boolean, tagNumber: number): Buffer {
  if (tagClass < 0 || tagClass > 3 || tagNumber < 0 || !Number.isSafeInteger(tagNumber)) throw new Asn1Error('bad-encoding', 'bad tag');
  const first = (tagClass << 6) | (constructed ? 0x20 : 0);
  if (tagNumber < 31) return Buffer.from([first | tagNumber]);
  const bytes: number[] = [];
  for (let n = tagNumber; n > 0; n = Math.floor(n / 128)) bytes.unshift((n % 128) | (bytes.length ? 0x80 : 0));
  return Buffer.from([first | 0x1f, ...bytes]);
}

/** Length octets in the definite form, short when it fits (X.690 §8.1.3, §10.1). */
export function lengthOctets(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
