import { childSpans, spanAt, type Span } from './ber-spans';
import {
  TAG, booleanValue, children, expectUniversal, integerBytes, isContext, isUniversal, octets, oid, parseSingle, primitiveContent, rawBytes,
  sequence, smallInteger, time, type Node,
} from './der-reader';
import { setOfDer, toDer } from './der-writer';
import { Asn1Error } from './errors';
import { OID } from './oids';

/**
 * RFC 3161 time-stamp tokens and responses, read to their fields: the one TSTInfo reader of the
 * service. It sits in shared/asn1 so that the signer (the TSA client checks each answer, and the
 * CMS writer checks a token's imprint before embedding it) and the verifier (which validates the
 * tokens of a copy) read tokens alike. Pure structure: no signature is checked here.
 */

/** What a TSA stamped: the hash algorithm (OID) and the hash. */
export interface MessageImprint {
  hashAlgorithm: string;
  hashedMessage: Uint8Array;
}

/** TSTInfo (RFC 3161 §2.4.2); byte fields are views into the token. */
export interface TstInfo {
  version: number;
  policy: string;
  messageImprint: MessageImprint;
  /** Content octets of serialNumber. */
  serialNumber: Uint8Array;
  /** genTime, epoch milliseconds (GeneralizedTime may carry fractions of a second). */
  genTime: number;
  /** Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] 1..999 OPTIONAL, micros [1] OPTIONAL }, in microseconds. */
  accuracyMicros?: number;
  ordering: boolean;
  /** Content octets of the nonce INTEGER. */
  nonce?: Uint8Array;
}

/** A token's one SignerInfo (RFC 5652 §5.3), with what checking its signature needs. */
export interface TokenSignerInfo {
  sid: { issuer: Buffer; serial: Uint8Array } | { keyId: Uint8Array };
  digestAlgorithm: string;
  /** The signed attributes by type, each with its values. */
  signedAttributes: Map<string, Node[]>;
  /** The signed attributes as DER SET OF, what the signature covers (RFC 5652 §5.4). */
  signedAttributesDer: Uint8Array;
  signatureAlgorithm: { oid: string; params?: Node };
  signature: Uint8Array;
}

export interface TimeStampToken {
  tstInfo: TstInfo;
  /** The encapsulated content octets (the DER TSTInfo the message-digest attribute covers). */
  tstInfoDer: Uint8Array;
  /** SignedData.certificates, DER, in their order. */
  certificates: Uint8Array[];
  signerInfo: TokenSignerInfo;
}

/**
 * Reads a TimeStampToken — ContentInfo(SignedData) whose eContentType is id-ct-TSTInfo, with
 * exactly one SignerInfo (RFC 3161 §2.4.2; RFC 5652 §3, §5). Throws Asn1Error.
 */
export function readTimeStampToken(token: Uint8Array): TimeStampToken {
  const parts = readTokenParts(token);
  if (parts.signerInfos.length !== 1) throw shapeError(`${parts.signerInfos.length} SignerInfos instead of one`);
  return { tstInfo: parts.tstInfo, tstInfoDer: parts.tstInfoDer, certificates: parts.certificates, signerInfo: readSignerInfo(sequence(parts.signerInfos[0], 'SignerInfo')) };
}

/**
 * The token's messageImprint, the shape of ContentInfo, SignedData and TSTInfo checked on the way
 * (not its SignerInfo: the CMS writer only needs to know what the token covers). Throws Asn1Error.
 */
export function messageImprintOf(token: Uint8Array): MessageImprint {
  return readTokenParts(token).tstInfo.messageImprint;
}

function readTokenParts(token: Uint8Array): Omit<TimeStampToken, 'signerInfo'> & { signerInfos: Node[] } {
  // Cut by spans and parse each part alone: asn1js would otherwise build a tree of the whole
  // certificate chain too, which costs more than everything else here (~8 ms for two certificates).
  const outer = wellFormed(token, 'the token');
  const part = (span: Span, what: string) => parseSingle(token.subarray(span.start, span.end), what);
  const contentInfo = childSpans(token, tagged(outer, 0x30, 'ContentInfo'));
  if (oid(part(contentInfo[0] ?? missing('ContentInfo.contentType'), 'ContentInfo.contentType'), 'ContentInfo.contentType') !== OID.signedData) throw shapeError('not a SignedData');
  if (contentInfo.length !== 2 || contentInfo[1].tag !== 0xa0) throw shapeError('ContentInfo has no [0] content');
  const wrapped = childSpans(token, contentInfo[1]);
  if (wrapped.length !== 1) throw shapeError('ContentInfo content is not one element');
  const signedData = childSpans(token, tagged(wrapped[0], 0x30, 'SignedData'));
  if (signedData.length < 4) throw shapeError('SignedData has too few elements');
  expectUniversal(part(signedData[0], 'SignedData.version'), TAG.INTEGER, 'SignedData.version');
  sequence(part(signedData[1], 'SignedData.digestAlgorithms'), 'SignedData.digestAlgorithms', TAG.SET);
  const encapContentInfo = sequence(part(signedData[2], 'SignedData.encapContentInfo'), 'SignedData.encapContentInfo');
  const signerInfos = sequence(part(signedData[signedData.length - 1], 'SignedData.signerInfos'), 'SignedData.signerInfos', TAG.SET);
  const middle = signedData.slice(3, -1);
  // certificates [0], crls [1], each at most once and in this order.
  if (middle.length > 2 || middle.some((span, k) => span.tag !== [0xa0, 0xa1][k] && !(middle.length === 1 && span.tag === 0xa1))) {
    throw shapeError('SignedData has unexpected elements');
  }
  const certificateSet = middle.find((span) => span.tag === 0xa0);
  const certificates = certificateSet
    ? childSpans(token, certificateSet).filter((span) => span.tag === 0x30).map((span) => token.subarray(span.start, span.end))
    : [];

  const [eContentType, eContent] = encapContentInfo;
  if (oid(eContentType, 'eContentType') !== OID.tstInfo || !isContext(eContent, 0, true)) throw shapeError('not a TSTInfo');
  const tstInfoDer = octets(children(eContent, 'eContent')[0], 'eContent');
  return { tstInfo: readTstInfo(tstInfoDer), tstInfoDer, certificates, signerInfos };
}

/** The one element `bytes` must be, with the same words as parseSingle's for broken framing. */
function wellFormed(bytes: Uint8Array, what: string): Span {
  let outer: Span;
  try {
    outer = spanAt(bytes, 0);
  } catch (error) {
    if (error instanceof Asn1Error) throw new Asn1Error(error.code, `${what} is not well-formed ASN.1 (${error.message})`, { cause: error });
    throw error;
  }
  if (outer.end !== bytes.length) throw new Asn1Error('trailing-data', `${what} has ${bytes.length - outer.end} bytes after its end`);
  return outer;
}

function tagged(span: Span, tag: number, what: string): Span {
  if (span.tag !== tag) throw shapeError(`${what} has an unexpected tag`);
  return span;
}

function missing(what: string): never {
  throw shapeError(`${what} is missing`);
}

/**
 * TSTInfo ::= SEQUENCE { version, policy, messageImprint, serialNumber, genTime, accuracy
 * OPTIONAL, ordering DEFAULT FALSE, nonce OPTIONAL, tsa [0] OPTIONAL, extensions [1] OPTIONAL }.
 */
export function readTstInfo(der: Uint8Array): TstInfo {
  const tstInfo = sequence(parseSingle(der, 'the TSTInfo'), 'TSTInfo');
  const version = smallInteger(tstInfo[0], 'TSTInfo.version');
  const policy = oid(tstInfo[1], 'TSTInfo.policy');
  const [hashAlgorithm, hashedMessage] = sequence(tstInfo[2], 'TSTInfo.messageImprint');
  const serialNumber = integerBytes(tstInfo[3], 'TSTInfo.serialNumber');
  // asn1js keeps the fraction of a second down to the millisecond (RFC 3161 §2.4.2 allows finer).
  const genTime = time(expectUniversal(tstInfo[4], TAG.GENERALIZED_TIME, 'TSTInfo.genTime'), 'TSTInfo.genTime');
  const optional = tstInfo.slice(5);
  inOrder(optional, OPTIONAL_TSTINFO_FIELDS, 'TSTInfo');
  const accuracy = optional.find((node) => isUniversal(node, TAG.SEQUENCE));
  const ordering = optional.find((node) => isUniversal(node, TAG.BOOLEAN));
  const nonce = optional.find((node) => isUniversal(node, TAG.INTEGER));
  return {
    version,
    policy,
    messageImprint: {
      hashAlgorithm: oid(sequence(hashAlgorithm, 'messageImprint.hashAlgorithm')[0], 'messageImprint.hashAlgorithm'),
      hashedMessage: octets(hashedMessage, 'messageImprint.hashedMessage'),
    },
    serialNumber,
    genTime,
    accuracyMicros: accuracy ? accuracyMicros(accuracy) : undefined,
    ordering: ordering ? booleanValue(ordering, 'TSTInfo.ordering') : false,
    nonce: nonce ? integerBytes(nonce, 'TSTInfo.nonce') : undefined,
  };
}

function accuracyMicros(node: Node): number {
  let micros = 0;
  for (const field of sequence(node, 'TSTInfo.accuracy')) {
    if (isUniversal(field, TAG.INTEGER)) micros += smallInteger(field, 'accuracy.seconds') * 1_000_000;
    else if (isContext(field, 0, false)) micros += smallIntegerContent(field, 'accuracy.millis') * 1000;
    else if (isContext(field, 1, false)) micros += smallIntegerContent(field, 'accuracy.micros');
    else throw shapeError('TSTInfo.accuracy has unexpected elements');
  }
  return micros;
}

function smallIntegerContent(node: Node, what: string): number {
  const bytes = primitiveContent(node);
  if (bytes.length === 0 || bytes.length > 2 || (bytes[0] & 0x80) !== 0) throw new Asn1Error('bad-value', `${what} is out of range`);
  const value = bytes.reduce((v, b) => v * 256 + b, 0);
  if (value < 1 || value > 999) throw new Asn1Error('bad-value', `${what} is out of range`);
  return value;
}

/** SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, signedAttrs [0] IMPLICIT, signatureAlgorithm, signature, unsignedAttrs [1] OPTIONAL }. */
function readSignerInfo(info: Node[]): TokenSignerInfo {
  let i = 1; // version
  const sidNode = info[i++];
  let sid: TokenSignerInfo['sid'];
  if (sidNode && isUniversal(sidNode, TAG.SEQUENCE)) {
    const [issuer, serial] = sequence(sidNode, 'IssuerAndSerialNumber');
    sequence(issuer, 'IssuerAndSerialNumber.issuer');
    sid = { issuer: toDer(issuer), serial: integerBytes(serial, 'IssuerAndSerialNumber.serialNumber') };
  } else if (sidNode && isContext(sidNode, 0, false)) {
    sid = { keyId: octets(sidNode, 'subjectKeyIdentifier', 0) };
  } else {
    throw shapeError('SignerInfo without a signer identifier');
  }
  const digestAlgorithm = oid(sequence(info[i++], 'SignerInfo.digestAlgorithm')[0], 'SignerInfo.digestAlgorithm');
  // RFC 3161 §2.4.2 needs the ESS signing-certificate attribute, so signed attributes are never absent.
  if (!isContext(info[i], 0, true)) throw shapeError('the token SignerInfo has no signed attributes');
  const attributeNodes = children(info[i++], 'SignerInfo.signedAttrs');
  const signedAttributes = new Map<string, Node[]>();
  for (const attribute of attributeNodes) {
    const [type, values] = sequence(attribute, 'attribute');
    const id = oid(type, 'attribute type');
    if (signedAttributes.has(id)) throw new Asn1Error('bad-value', `attribute ${id} appears twice`);
    signedAttributes.set(id, sequence(values, 'attribute values', TAG.SET));
  }
  const algorithm = sequence(info[i++], 'SignerInfo.signatureAlgorithm');
  const signature = octets(info[i++], 'SignerInfo.signature');
  if (info[i] && !isContext(info[i], 1, true)) throw shapeError('SignerInfo has unexpected elements');
  return {
    sid,
    digestAlgorithm,
    signedAttributes,
    signedAttributesDer: setOfDer(attributeNodes, true),
    signatureAlgorithm: { oid: oid(algorithm[0], 'SignerInfo.signatureAlgorithm'), params: algorithm[1] },
    signature,
  };
}

/** PKIStatus values (RFC 3161 §2.4.2). */
export const PKI_STATUS = { granted: 0, grantedWithMods: 1, rejection: 2, waiting: 3, revocationWarning: 4, revocationNotification: 5 } as const;

/** TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken OPTIONAL } (RFC 3161 §2.4.2). */
export interface TimeStampResponse {
  status: number;
  statusText: string[];
  /** PKIFailureInfo bit numbers that are set (badAlg 0, badRequest 2, badDataFormat 5, timeNotAvailable 14, …). */
  failInfo: number[];
  /** The token exactly as encoded in the response. */
  token?: Uint8Array;
}

/** Reads a TimeStampResp; the token's own structure is read by {@link readTimeStampToken}. Throws Asn1Error. */
export function readTimeStampResponse(bytes: Uint8Array): TimeStampResponse {
  // The token is cut out by its span, so that it is handed on byte for byte as the TSA signed it.
  const outer = wellFormed(bytes, 'the response');
  if (outer.tag !== 0x30) throw shapeError('TimeStampResp is not a SEQUENCE');
  const parts = childSpans(bytes, outer);
  if (parts.length < 1 || parts.length > 2) throw shapeError('TimeStampResp has unexpected elements');
  const statusInfo = sequence(parseSingle(bytes.subarray(parts[0].start, parts[0].end), 'PKIStatusInfo'), 'PKIStatusInfo');
  const status = smallInteger(statusInfo[0], 'PKIStatusInfo.status');
  const rest = statusInfo.slice(1);
  inOrder(rest, [(node) => isUniversal(node, TAG.SEQUENCE), (node) => isUniversal(node, TAG.BIT_STRING)], 'PKIStatusInfo');
  const freeText = rest.find((node) => isUniversal(node, TAG.SEQUENCE));
  const failBits = rest.find((node) => isUniversal(node, TAG.BIT_STRING));
  return {
    status,
    statusText: freeText ? sequence(freeText, 'PKIFreeText').map((s) => Buffer.from(primitiveContent(expectUniversal(s, TAG.UTF8, 'PKIFreeText'))).toString('utf8')) : [],
    failInfo: failBits ? setBits(primitiveContent(failBits)) : [],
    token: parts[1] ? bytes.subarray(parts[1].start, parts[1].end) : undefined,
  };
}

function setBits(content: Uint8Array): number[] {
  const bits: number[] = [];
  for (let bit = 0; 1 + (bit >> 3) < content.length; bit++) {
    if ((content[1 + (bit >> 3)] >> (7 - (bit & 7))) & 1) bits.push(bit);
  }
  return bits;
}

type FieldTest = (node: Node) => boolean;

/** TSTInfo's optional fields: accuracy, ordering, nonce, tsa [0], extensions [1]. */
const OPTIONAL_TSTINFO_FIELDS: FieldTest[] = [
  (node) => isUniversal(node, TAG.SEQUENCE),
  (node) => isUniversal(node, TAG.BOOLEAN),
  (node) => isUniversal(node, TAG.INTEGER),
  (node) => isContext(node, 0, true),
  (node) => isContext(node, 1, true),
];

/** Checks that optional fields appear each at most once and in their declared order. */
function inOrder(nodes: Node[], fields: FieldTest[], what: string): void {
  let next = 0;
  for (const node of nodes) {
    while (next < fields.length && !fields[next](node)) next++;
    if (next === fields.length) throw shapeError(`${what} has unexpected elements`);
    next++;
  }
}

function shapeError(message: string): Asn1Error {
  return new Asn1Error('unexpected-type', message);
}
