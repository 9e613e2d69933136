import * as asn1js from 'asn1js';
import { spanAt } from './ber-spans';
import { Asn1Error, type Asn1ErrorCode } from './errors';

/**
 * Thin, fail-closed access to asn1js trees, for the signer (a chain's certificates, a TSA token)
 * and the verifier (CMS parts, certificates). asn1js stays the parser here — it reads BER as
 * X.690 §8 allows it (indefinite lengths, chunked strings, as NSS writes them) — and we walk its
 * tree by tag instead of through PKI.js schemas: several times faster, the original bytes of every
 * element stay at hand, and nothing is guessed. Every helper throws an {@link Asn1Error} naming
 * what was expected.
 */
export type Node = asn1js.BaseBlock;

const UNIVERSAL = 1;
const CONTEXT = 3;
/** Universal tag numbers (X.680 §8.4, table 1). */
export const TAG = {
  EOC: 0, BOOLEAN: 1, INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, NULL: 5, OID: 6, ENUMERATED: 10, UTF8: 12, SEQUENCE: 16, SET: 17,
  PRINTABLE: 19, T61: 20, IA5: 22, UTC_TIME: 23, GENERALIZED_TIME: 24, BMP: 30,
} as const;

/** Parses bytes that must hold exactly one BER element (X.690 §8.1) and nothing after it. */
export function parseSingle(bytes: Uint8Array, what: string): Node {
  // parseEmbedded: false — asn1js would otherwise try to decode every OCTET/BIT STRING (keys,
  // signatures) as BER, doubling the cost; we decode the few we need (extension values) ourselves.
  // copyInput: false — the input is never modified, and node views into it stay valid.
  const parsed = asn1js.fromBER(bytes as Uint8Array<ArrayBuffer>, { parseEmbedded: false, copyInput: false });
  if (parsed.offset === -1 || parsed.result.error) {
    throw new Asn1Error(failureCode(bytes), `${what} is not well-formed ASN.1 (${parsed.result.error || 'unreadable'})`);
  }
  if (parsed.offset !== bytes.length) throw new Asn1Error('trailing-data', `${what} has ${bytes.length - parsed.offset} bytes after its end`);
  return parsed.result;
}

/** asn1js reports failures as text only: the span reader, which sees the same framing, names the kind. */
function failureCode(bytes: Uint8Array): Asn1ErrorCode {
  try {
    spanAt(bytes, 0);
  } catch (error) {
    if (error instanceof Asn1Error) return error.code;
  }
  return 'bad-encoding';
}

/** Whether the element has this universal tag. */
export function isUniversal(node: Node | undefined, tag: number): boolean {
  return node?.idBlock.tagClass === UNIVERSAL && node.idBlock.tagNumber === tag;
}

/** Whether the element is a context-specific `[n]`, constructed (EXPLICIT, or IMPLICIT over one) when `constructed` says so. */
export function isContext(node: Node | undefined, tag: number, constructed?: boolean): boolean {
  return node?.idBlock.tagClass === CONTEXT && node.idBlock.tagNumber === tag
    && (constructed === undefined || node.idBlock.isConstructed === constructed);
}

/** The elements of a constructed value, end-of-contents markers (X.690 §8.1.5) left out. */
export function children(node: Node, what: string): Node[] {
  const value = (node.valueBlock as { value?: unknown }).value;
  if (!node.idBlock.isConstructed || !Array.isArray(value)) throw new Asn1Error('unexpected-type', `${what} is not constructed`);
  return (value as Node[]).filter((child) => !isUniversal(child, TAG.EOC));
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
  const view = node.valueBeforeDecodeView;
  if (!view || view.length === 0) throw new Asn1Error('bad-encoding', 'element without its encoding');
  return view;
}

/** The content octets of a primitive element. */
export function primitiveContent(node: Node): Uint8Array {
  if (node.idBlock.isConstructed) throw new Asn1Error('unexpected-type', 'expected a primitive element');
  const raw = rawBytes(node);
  const header = node.idBlock.blockLength + node.lenBlock.blockLength;
  if (header <= 0 || header > raw.length) throw new Asn1Error('bad-encoding', 'element with a broken header');
  return raw.subarray(header);
}

/** An OBJECT IDENTIFIER in dotted form (X.690 §8.19). */
export function oid(node: Node | undefined, what: string): string {
  const text = (expectUniversal(node, TAG.OID, what) as asn1js.ObjectIdentifier).valueBlock.toString();
  if (!/^\d+(\.\d+)+$/.test(text)) throw new Asn1Error('bad-value', `${what} is a malformed OBJECT IDENTIFIER`);
  return text;
}

/** Octets of an OCTET STRING (or of an IMPLICIT-tagged one), the chunked BER form joined (X.690 §8.7). */
export function octets(node: Node | undefined, what: string, implicitTag?: number): Uint8Array {
  const tagOk = implicitTag === undefined ? isUniversal(node, TAG.OCTET_STRING) : isContext(node, implicitTag);
  if (!node || !tagOk) throw new Asn1Error('unexpected-type', `${what} is missing or not an OCTET STRING`);
  return joinedContent(node, TAG.OCTET_STRING, what);
}

/** Content octets of a string type, primitive or constructed from chunks of the same type (X.690 §8.7.3, §8.21.5). */
export function joinedContent(node: Node, chunkTag: number, what: string, depth = 0): Uint8Array {
  if (!node.idBlock.isConstructed) return primitiveContent(node);
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
  if (node.idBlock.tagClass !== UNIVERSAL) return undefined;
  let content: Uint8Array;
  try {
    content = joinedContent(node, node.idBlock.tagNumber, 'string');
  } catch {
    return undefined;
  }
  switch (node.idBlock.tagNumber) {
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
  if (isUniversal(node, TAG.UTC_TIME) || isUniversal(node, TAG.GENERALIZED_TIME)) {
    const ms = (node as asn1js.UTCTime).toDate().getTime();
    if (Number.isFinite(ms)) return ms;
  }
  throw new Asn1Error('bad-value', `${what} is not a time`);
}
