import { childSpans, spanAt, type Span } from './ber-spans';
import { Asn1Error } from './errors';

/**
 * Fail-closed access to BER trees (X.690 §8), for the signer (a chain's certificates, a TSA token)
 * and the verifier (CMS parts, certificates, CRLs, TSTInfo). The tree is read here on the span
 * reader rather than by asn1js: asn1js 4 spends ~3 µs per element checking buffer types
 * (measured: 40 % of a B-LTA copy's verification, every signature carrying a time-stamp token),
 * while a node here is an offset pair into the input. BER stays BER (indefinite lengths, chunked
 * strings, as NSS writes them); values are decoded on demand by the helpers below; asn1js remains
 * the writer of what we build (der-writer.ts). Every helper throws an {@link Asn1Error} naming
 * what was expected.
 */
export class Node {
  private constructor(
    private readonly input: Uint8Array,
    private readonly span: Span,
    /** X.690 §8.1.2.2 class: 0 universal, 1 application, 2 context-specific, 3 private. */
    readonly tagClass: number,
    readonly tagNumber: number,
    /** The elements of a constructed value, end-of-contents markers left out; undefined when primitive. */
    readonly elements: Node[] | undefined,
  ) {}

  /** Reads the element at `span` and, for a constructed one, every element inside it. */
  static read(input: Uint8Array, span: Span, depth: number): Node {
    const elements = span.constructed ? childSpans(input, span, depth).map((child) => Node.read(input, child, depth + 1)) : undefined;
    return new Node(input, span, (span.tag >> 6) & 3, tagNumberAt(input, span), elements);
  }

  get constructed(): boolean {
    return this.span.constructed;
  }

  /** The element's encoding as it was in the input, header included (a view, not a copy). */
  get raw(): Uint8Array {
    return this.input.subarray(this.span.start, this.span.end);
  }

  /** The content octets as encoded (of a constructed element: its elements' encodings). */
  get content(): Uint8Array {
    return this.input.subarray(this.span.contentStart, this.span.contentEnd);
  }
}

/** X.690 §8.1.2.4: a tag number past 30 follows the first octet in base-128 digits (spanAt bounded them to four). */
function tagNumberAt(input: Uint8Array, span: Span): number {
  if ((span.tag & 0x1f) !== 0x1f) return span.tag & 0x1f;
  let number = 0;
  for (let at = span.start + 1; ; at++) {
    number = number * 128 + (input[at] & 0x7f);
    if ((input[at] & 0x80) === 0) return number;
  }
}

const UNIVERSAL = 0;
const CONTEXT = 2;
/** Universal tag numbers (X.680 §8.4, table 1). */
export const TAG = {
  EOC: 0, BOOLEAN: 1, INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, NULL: 5, OID: 6, ENUMERATED: 10, UTF8: 12, SEQUENCE: 16, SET: 17,
  PRINTABLE: 19, T61: 20, IA5: 22, UTC_TIME: 23, GENERALIZED_TIME: 24, BMP: 30,
} as const;

/**
 * Parses bytes that must hold exactly one BER element (X.690 §8.1) and nothing after it. Every
 * element inside is framed (lengths consistent, depth and count bounded) before anything is read;
 * OCTET and BIT STRING contents are not parsed as BER.
 */
export function parseSingle(bytes: Uint8Array, what: string): Node {
  let span: Span;
  let node: Node;
  try {
    span = spanAt(bytes, 0);
    node = Node.read(bytes, span, 0);
  } catch (error) {
    if (error instanceof Asn1Error) throw new Asn1Error(error.code, `${what} is not well-formed ASN.1 (${error.message})`);
    throw error;
  }
  if (span.end !== bytes.length) throw new Asn1Error('trailing-data', `${what} has ${bytes.length - span.end} bytes after its end`);
  return node;
}

/** Whether the element has this universal tag. */
export function isUniversal(node: Node | undefined, tag: number): boolean {
  return node?.tagClass === UNIVERSAL && node.tagNumber === tag;
}

/** Whether the element is a context-specific `[n]`, constructed (EXPLICIT, or IMPLICIT over one) when `constructed` says so. */
export function isContext(node: Node | undefined, tag: number, constructed?: boolean): boolean {
  return node?.tagClass === CONTEXT && node.tagNumber === tag
    && (constructed === undefined || node.constructed === constructed);
}

/** The elements of a constructed value, end-of-contents markers (X.690 §8.1.5) left out. */
export function children(node: Node, what: string): Node[] {
  if (!node.elements) throw new Asn1Error('unexpected-type', `${what} is not constructed`);
  return node.elements;
}

/** The elements of a universal SEQUENCE (or of a SET when `tag` says so). */
export function sequence(node: Node | undefined, what: string, tag: number = TAG.SEQUENCE): Node[] {
  if (!node || !isUniversal(node, tag)) throw new Asn1Error('unexpected-type', `${what} is not a ${tag === TAG.SET ? 'SET' : 'SEQUENCE'}`);
  return children(node, what);
}

/** Checks the universal tag of an element and returns it. */
export function expectUniversal(node: Node | undefined, tag: number, what: string): Node {
  if (!node || !isUniversal(node, tag)) throw new Asn1Error('unexpected-type', `${what} is missing or has the wrong type`);
  return node;
}

/** The element's encoding as it was in the input, header included (a view, not a copy). */
export function rawBytes(node: Node): Uint8Array {
  return node.raw;
}

/** The content octets of a primitive element. */
export function primitiveContent(node: Node): Uint8Array {
  if (node.constructed) throw new Asn1Error('unexpected-type', 'expected a primitive element');
  return node.content;
}

/** An OBJECT IDENTIFIER in dotted form (X.690 §8.19). */
export function oid(node: Node | undefined, what: string): string {
  const content = primitiveContent(expectUniversal(node, TAG.OID, what));
  const malformed = () => new Asn1Error('bad-value', `${what} is a malformed OBJECT IDENTIFIER`);
  // §8.19.2: base-128 subidentifiers, the last octet of each without the top bit, none starting with 0x80.
  if (content.length === 0 || (content[content.length - 1] & 0x80) !== 0) throw malformed();
  const arcs: string[] = [];
  for (let at = 0; at < content.length;) {
    if (content[at] === 0x80) throw malformed();
    const from = at;
    while ((content[at] & 0x80) !== 0) at++;
    at++;
    // Up to 7 octets (49 bits) are exact as a number; longer arcs (2.25 UUIDs carry 128 bits) use bigint.
    let arc: number | bigint = 0;
    if (at - from <= 7) for (let k = from; k < at; k++) arc = arc * 128 + (content[k] & 0x7f);
    else {
      arc = 0n;
      for (let k = from; k < at; k++) arc = arc * 128n + BigInt(content[k] & 0x7f);
    }
    if (arcs.length === 0) { // §8.19.4: the first subidentifier joins the first two arcs (X*40 + Y, X ≤ 2)
      const first = arc < 40 ? 0 : arc < 80 ? 1 : 2;
      arcs.push(String(first), String(typeof arc === 'bigint' ? arc - BigInt(first * 40) : arc - first * 40));
    } else arcs.push(String(arc));
  }
  return arcs.join('.');
}

/** Octets of an OCTET STRING (or of an IMPLICIT-tagged one), the chunked BER form joined (X.690 §8.7). */
export function octets(node: Node | undefined, what: string, implicitTag?: number): Uint8Array {
  const tagOk = implicitTag === undefined ? isUniversal(node, TAG.OCTET_STRING) : isContext(node, implicitTag);
  if (!node || !tagOk) throw new Asn1Error('unexpected-type', `${what} is missing or not an OCTET STRING`);
  return joinedContent(node, TAG.OCTET_STRING, what);
}

/** Content octets of a string type, primitive or constructed from chunks of the same type (X.690 §8.7.3, §8.21.5). */
export function joinedContent(node: Node, chunkTag: number, what: string, depth = 0): Uint8Array {
  if (!node.constructed) return primitiveContent(node);
  if (depth > 8) throw new Asn1Error('limit-exceeded', `${what} is nested too deeply`);
  const parts = children(node, what).map((chunk) => {
    if (!isUniversal(chunk, chunkTag)) throw new Asn1Error('unexpected-type', `${what} has a foreign chunk`);
    return joinedContent(chunk, chunkTag, what, depth + 1);
  });
  return Buffer.concat(parts);
}

/** Content octets of an INTEGER, two's complement as encoded (X.690 §8.3). */
export function integerBytes(node: Node | undefined, what: string): Uint8Array {
  const content = primitiveContent(expectUniversal(node, TAG.INTEGER, what));
  if (content.length === 0) throw new Asn1Error('bad-value', `${what} is an empty INTEGER`);
  return content;
}

/** A small non-negative INTEGER as a number. */
export function smallInteger(node: Node | undefined, what: string): number {
  const bytes = integerBytes(node, what);
  if (bytes.length > 4 || (bytes[0] & 0x80) !== 0) throw new Asn1Error('bad-value', `${what} is out of range`);
  return bytes.reduce((value, byte) => value * 256 + byte, 0);
}

/** A BOOLEAN's value; BER reads any non-zero octet as TRUE (X.690 §8.2.2). */
export function booleanValue(node: Node | undefined, what: string): boolean {
  const content = primitiveContent(expectUniversal(node, TAG.BOOLEAN, what));
  if (content.length !== 1) throw new Asn1Error('bad-value', `${what} is not one octet`);
  return content[0] !== 0;
}

/** Decodes a DirectoryString or IA5String (RFC 5280 §4.1.2.4); undefined for other types. */
export function directoryString(node: Node): string | undefined {
  if (node.tagClass !== UNIVERSAL) return undefined;
  let content: Uint8Array;
  try {
    content = joinedContent(node, node.tagNumber, 'string');
  } catch {
    return undefined;
  }
  switch (node.tagNumber) {
    case TAG.UTF8:
      return Buffer.from(content).toString('utf8');
    case TAG.PRINTABLE:
    case TAG.IA5:
    case TAG.T61:
      return Buffer.from(content).toString('latin1');
    case TAG.BMP:
      return content.length % 2 === 0 ? Buffer.from(content).swap16().toString('utf16le') : undefined;
    default:
      return undefined;
  }
}

/** A UTCTime or GeneralizedTime (RFC 5280 §4.1.2.5) as epoch milliseconds. */
export function time(node: Node | undefined, what: string): number {
  const utc = isUniversal(node, TAG.UTC_TIME);
  if (utc || isUniversal(node, TAG.GENERALIZED_TIME)) {
    const text = Buffer.from(joinedContent(node!, node!.tagNumber, what)).toString('latin1');
    // RFC 5280 §4.1.2.5.1: YYMMDDHHMMSSZ, YY ≥ 50 meaning 19YY. §4.1.2.5.2: YYYYMMDDHHMMSSZ; a
    // fraction of a second is RFC 3161 §2.4.2's genTime (kept to the millisecond).
    const parts = utc ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(text);
    if (parts) {
      const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
      const fullYear = utc ? (year >= 50 ? 1900 : 2000) + year : year;
      const ms = Date.UTC(fullYear, month - 1, day, hour, minute, second, Number((parts[7] ?? '').padEnd(3, '0').slice(0, 3)));
      const back = new Date(ms);
      // Date.UTC rolls 31 February over into March: a date that does not come back is not a date.
      if (back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60 && second < 60) return ms;
    }
  }
  throw new Asn1Error('bad-value', `${what} is not a time`);
}
