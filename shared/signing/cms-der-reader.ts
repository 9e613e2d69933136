import * as asn1js from 'asn1js';

/**
 * Just enough asn1js reading for what the CMS takes from others' structures: the signer
 * certificate's issuer and serial number, and a TSA token's message imprint. Every helper throws
 * a plain Error naming what was expected; the callers turn it into their own SigningError.
 */

const UNIVERSAL = 1;
const CONTEXT_SPECIFIC = 3;
export const TAG = { BOOLEAN: 1, INTEGER: 2, BIT_STRING: 3, OCTET_STRING: 4, OID: 6, SEQUENCE: 16, SET: 17, GENERALIZED_TIME: 24 } as const;

/** Parses bytes that must hold exactly one BER element and nothing after it. */
export function parseSingle(bytes: Uint8Array, what: string): asn1js.BaseBlock {
  // parseEmbedded: false — no need to look inside OCTET/BIT STRINGs (keys, signatures) here.
  const parsed = asn1js.fromBER(bytes, { parseEmbedded: false });
  if (parsed.offset === -1 || parsed.result.error) throw new Error(`${what} is not well-formed ASN.1`);
  if (parsed.offset !== bytes.length) throw new Error(`${what} has ${bytes.length - parsed.offset} bytes after its end`);
  return parsed.result as asn1js.BaseBlock;
}

/** Whether the element has this universal tag. */
export function isUniversal(node: asn1js.BaseBlock | undefined, tag: number): boolean {
  return node?.idBlock.tagClass === UNIVERSAL && node.idBlock.tagNumber === tag;
}

/** Whether the element is a constructed `[n]`. */
export function isContext(node: asn1js.BaseBlock | undefined, tag: number): boolean {
  return node?.idBlock.tagClass === CONTEXT_SPECIFIC && node.idBlock.tagNumber === tag && node.idBlock.isConstructed;
}

/** The elements of a constructed value, end-of-contents markers left out. */
export function elementsOf(node: asn1js.BaseBlock, what: string): asn1js.BaseBlock[] {
  const value = (node.valueBlock as { value?: unknown }).value;
  if (!node.idBlock.isConstructed || !Array.isArray(value)) throw new Error(`${what} is not constructed`);
  return (value as asn1js.BaseBlock[]).filter((child) => !isUniversal(child, 0));
}

/** The elements of a SEQUENCE (or of a SET when `tag` says so). */
export function sequenceOf(node: asn1js.BaseBlock | undefined, what: string, tag: number = TAG.SEQUENCE): asn1js.BaseBlock[] {
  if (!node || !isUniversal(node, tag)) throw new Error(`${what} is not a ${tag === TAG.SET ? 'SET' : 'SEQUENCE'}`);
  return elementsOf(node, what);
}

/** Checks the universal tag of an element and returns it. */
export function expectUniversal(node: asn1js.BaseBlock | undefined, tag: number, what: string): asn1js.BaseBlock {
  if (!node || !isUniversal(node, tag)) throw new Error(`${what} is missing or has the wrong type`);
  return node;
}

/** An OBJECT IDENTIFIER in dotted form. */
export function oidOf(node: asn1js.BaseBlock | undefined, what: string): string {
  return (expectUniversal(node, TAG.OID, what) as asn1js.ObjectIdentifier).valueBlock.toString();
}

/** The content of an OCTET STRING, primitive or (BER) constructed from segments. */
export function octetsOf(node: asn1js.BaseBlock | undefined, what: string): Uint8Array {
  const octets = expectUniversal(node, TAG.OCTET_STRING, what) as asn1js.OctetString;
  return new Uint8Array(octets.getValue());
}

/** The element's encoding as it was in the input, header included. */
export function encodingOf(node: asn1js.BaseBlock): Uint8Array {
  const view = node.valueBeforeDecodeView;
  if (!view || view.length === 0) throw new Error('element without its encoding');
  return Uint8Array.from(view);
}
