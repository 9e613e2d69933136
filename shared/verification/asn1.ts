import * as asn1js from 'asn1js';
import { MalformedFileError } from './errors';

/**
 * Thin, fail-closed access to asn1js trees. CMS from other signers may be BER (indefinite
 * lengths, chunked OCTET STRINGs, as NSS writes them); we read it with asn1js `fromBER` and walk
 * the tree by tags here instead of through PKI.js schemas: it is several times faster, keeps the
 * original bytes of every element at hand, and never guesses.
 */
export type Node = asn1js.AsnType & asn1js.BaseBlock;

const UNIVERSAL = 1;
const CONTEXT = 3;
export const TAG = { BOOLEAN: 1, INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, NULL: 5, OID: 6, UTF8: 12, PRINTABLE: 19, T61: 20, IA5: 22, UTC_TIME: 23, GENERALIZED_TIME: 24, BMP: 30, SEQUENCE: 16, SET: 17 } as const;

/** Parses exactly one BER element at the start of `bytes`; returns it and where it ends. */
function parseBer(bytes: Uint8Array): { node: Node; end: number } {
  const view = bytes as Uint8Array<ArrayBuffer>;
  // parseEmbedded: false — asn1js would otherwise try to decode every OCTET/BIT STRING (keys,
  // signatures) as BER, doubling the cost; we decode the few we need (extension values) ourselves.
  // copyInput: false — the input is never modified, and node views into it stay valid.
  const parsed = asn1js.fromBER(view, { parseEmbedded: false, copyInput: false });
  if (parsed.offset === -1 || parsed.result.error) throw new MalformedFileError(`not valid BER (${parsed.result.error || 'unreadable'})`);
  return { node: parsed.result as Node, end: parsed.offset };
}

/** Parses bytes that must hold exactly one element and nothing after it. */
export function parseSingle(bytes: Uint8Array, what: string): Node {
  const { node, end } = parseBer(bytes);
  if (end !== bytes.length) throw new MalformedFileError(`${what}: ${bytes.length - end} bytes after the element`);
  return node;
}

/** Whether the element has this universal tag. */
export function isUniversal(node: Node, tag: number): boolean {
  return node.idBlock.tagClass === UNIVERSAL && node.idBlock.tagNumber === tag;
}

/** Whether the element has this context-specific tag ([n]). */
export function isContext(node: Node, tag: number): boolean {
  return node.idBlock.tagClass === CONTEXT && node.idBlock.tagNumber === tag;
}

/** The children of a constructed element (end-of-contents markers are not children). */
export function children(node: Node, what: string): Node[] {
  if (!node.idBlock.isConstructed) throw new MalformedFileError(`${what} is not constructed`);
  const value = (node.valueBlock as unknown as { value?: Node[] }).value;
  if (!Array.isArray(value)) throw new MalformedFileError(`${what} has no elements`);
  return value.filter((child) => !(child.idBlock.tagClass === UNIVERSAL && child.idBlock.tagNumber === 0));
}

/** Children of a universal SEQUENCE (or SET when `tag` says so). */
export function sequence(node: Node | undefined, what: string, tag: number = TAG.SEQUENCE): Node[] {
  if (!node || !isUniversal(node, tag)) throw new MalformedFileError(`${what} is not a ${tag === TAG.SET ? 'SET' : 'SEQUENCE'}`);
  return children(node, what);
}

/** The original encoding of an element, header included, as it was in the input. */
export function rawBytes(node: Node): Uint8Array {
  const view = node.valueBeforeDecodeView;
  if (!view || view.length === 0) throw new MalformedFileError('element without its encoding');
  return view;
}

/** The content octets of a primitive element. */
export function primitiveContent(node: Node): Uint8Array {
  if (node.idBlock.isConstructed) throw new MalformedFileError('expected a primitive element');
  const raw = rawBytes(node);
  const header = node.idBlock.blockLength + node.lenBlock.blockLength;
  if (header <= 0 || header > raw.length) throw new MalformedFileError('element with a broken header');
  return raw.subarray(header);
}

/** An OBJECT IDENTIFIER in dotted form. */
export function oid(node: Node | undefined, what: string): string {
  if (!node || !isUniversal(node, TAG.OID)) throw new MalformedFileError(`${what} is not an OBJECT IDENTIFIER`);
  const text = (node as unknown as asn1js.ObjectIdentifier).valueBlock.toString();
  if (!/^\d+(\.\d+)+$/.test(text)) throw new MalformedFileError(`${what} is a malformed OBJECT IDENTIFIER`);
  return text;
}

/** Octets of an OCTET STRING (or of an IMPLICIT-tagged one), chunked BER form joined. */
export function octets(node: Node | undefined, what: string, implicitTag?: number): Uint8Array {
  if (!node) throw new MalformedFileError(`${what} is missing`);
  const tagOk = implicitTag === undefined ? isUniversal(node, TAG.OCTET_STRING) : isContext(node, implicitTag);
  if (!tagOk) throw new MalformedFileError(`${what} is not an OCTET STRING`);
  return joinedContent(node, TAG.OCTET_STRING, what, 0);
}

function joinedContent(node: Node, chunkTag: number, what: string, depth: number): Uint8Array {
  if (!node.idBlock.isConstructed) return primitiveContent(node);
  if (depth > 8) throw new MalformedFileError(`${what} is nested too deeply`);
  const parts = children(node, what).map((chunk) => {
    if (!isUniversal(chunk, chunkTag)) throw new MalformedFileError(`${what} has a foreign chunk`);
    return joinedContent(chunk, chunkTag, what, depth + 1);
  });
  return Buffer.concat(parts);
}

/** Content octets of an INTEGER (two's complement, as encoded). */
export function integerBytes(node: Node | undefined, what: string): Uint8Array {
  if (!node || !isUniversal(node, TAG.INTEGER)) throw new MalformedFileError(`${what} is not an INTEGER`);
  const content = primitiveContent(node);
  if (content.length === 0) throw new MalformedFileError(`${what} is an empty INTEGER`);
  return content;
}

/** A small non-negative INTEGER as a number. */
export function smallInteger(node: Node | undefined, what: string): number {
  const bytes = integerBytes(node, what);
  if (bytes.length > 4 || (bytes[0] & 0x80) !== 0) throw new MalformedFileError(`${what} is out of range`);
  return bytes.reduce((value, byte) => value * 256 + byte, 0);
}

/**
 * DER encoding of an element read from BER (X.690 §10): definite lengths in the shortest form,
 * chunked strings joined, SET OF elements sorted. `sortSets: false` keeps the received order,
 * for signers that signed an unsorted SET.
 */
export function toDer(node: Node, sortSets = true, depth = 0): Buffer {
  if (depth > 64) throw new MalformedFileError('element nested too deeply');
  const { idBlock } = node;
  let constructed = idBlock.isConstructed;
  let content: Buffer;
  const universal = idBlock.tagClass === UNIVERSAL;
  if (!constructed) {
    content = Buffer.from(primitiveContent(node));
  } else if (universal && isStringType(idBlock.tagNumber)) {
    content = Buffer.from(joinedContent(node, idBlock.tagNumber, 'string', 0));
    constructed = false;
  } else {
    const parts = children(node, 'element').map((child) => toDer(child, sortSets, depth + 1));
    if (universal && idBlock.tagNumber === TAG.SET && sortSets) parts.sort(Buffer.compare);
    content = Buffer.concat(parts);
  }
  return Buffer.concat([identifier(idBlock.tagClass, constructed, idBlock.tagNumber), lengthBytes(content.length), content]);
}

/** DER of a SET OF whose elements are `items` (e.g. signed attributes stored as [0] IMPLICIT). */
export function setOfDer(items: Node[], sortSets: boolean): Buffer {
  const parts = items.map((item) => toDer(item, sortSets));
  if (sortSets) parts.sort(Buffer.compare);
  const content = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([0x31]), lengthBytes(content.length), content]);
}

function isStringType(tag: number): boolean {
  return tag === TAG.OCTET_STRING || tag === TAG.UTF8 || tag === TAG.PRINTABLE || tag === TAG.T61 || tag === TAG.IA5 || tag === TAG.BMP
    || tag === TAG.UTC_TIME || tag === TAG.GENERALIZED_TIME;
}

function identifier(tagClass: number, constructed: boolean, tagNumber: number): Buffer {
  if (tagClass < 1 || tagClass > 4 || tagNumber < 0 || !Number.isSafeInteger(tagNumber)) throw new MalformedFileError('bad tag');
  const first = ((tagClass - 1) << 6) | (constructed ? 0x20 : 0);
  if (tagNumber < 31) return Buffer.from([first | tagNumber]);
  const bytes: number[] = [];
  for (let n = tagNumber; n > 0; n = Math.floor(n / 128)) bytes.unshift((n % 128) | (bytes.length ? 0x80 : 0));
  return Buffer.from([first | 0x1f, ...bytes]);
}

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Decodes a directory string (UTF8String, PrintableString, IA5String, T61String, BMPString). */
export function directoryString(node: Node): string | undefined {
  if (node.idBlock.tagClass !== UNIVERSAL) return undefined;
  let content: Uint8Array;
  try {
    content = joinedContent(node, node.idBlock.tagNumber, 'string', 0);
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

/** A UTCTime or GeneralizedTime as epoch milliseconds. */
export function time(node: Node | undefined, what: string): number {
  if (node && (isUniversal(node, TAG.UTC_TIME) || isUniversal(node, TAG.GENERALIZED_TIME))) {
    const date = (node as unknown as asn1js.UTCTime).toDate();
    const ms = date.getTime();
    if (Number.isFinite(ms)) return ms;
  }
  throw new MalformedFileError(`${what} is not a time`);
}
