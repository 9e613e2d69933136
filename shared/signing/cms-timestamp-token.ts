import { Asn1Error, OID, TAG, children, expectUniversal, isContext, isUniversal, octets, oid, parseSingle, sequence, type Node } from '../asn1';

/** What a TSA stamped: the hash algorithm (OID) and the hash. */
export interface MessageImprint {
  hashAlgorithm: string;
  hashedMessage: Uint8Array;
}

/**
 * Reads a TimeStampToken down to its TSTInfo's messageImprint, checking on the way the shape of
 * ContentInfo and SignedData (RFC 5652 §3, §5.1) and of TSTInfo (RFC 3161 §2.4.2). Throws Asn1Error.
 */
export function messageImprintOf(token: Uint8Array): MessageImprint {
  const contentInfo = sequence(parseSingle(token, 'the token'), 'ContentInfo');
  if (oid(contentInfo[0], 'ContentInfo.contentType') !== OID.signedData) throw shapeError('not a SignedData');
  if (contentInfo.length !== 2 || !isContext(contentInfo[1], 0, true)) throw shapeError('ContentInfo has no [0] content');
  const signedData = sequence(children(contentInfo[1], 'ContentInfo.content')[0], 'SignedData');
  expectUniversal(signedData[0], TAG.INTEGER, 'SignedData.version');
  expectUniversal(signedData[1], TAG.SET, 'SignedData.digestAlgorithms');
  const encapContentInfo = sequence(signedData[2], 'SignedData.encapContentInfo');
  expectUniversal(signedData.at(-1), TAG.SET, 'SignedData.signerInfos');
  if (signedData.length < 4) throw shapeError('SignedData has too few elements');
  inOrder(signedData.slice(3, -1), [(node) => isContext(node, 0, true), (node) => isContext(node, 1, true)], 'SignedData'); // certificates, crls

  const [eContentType, eContent] = encapContentInfo;
  if (oid(eContentType, 'eContentType') !== OID.tstInfo || !isContext(eContent, 0, true)) throw shapeError('not a TSTInfo');
  const tstInfo = sequence(parseSingle(octets(children(eContent, 'eContent')[0], 'eContent'), 'the TSTInfo'), 'TSTInfo');
  expectUniversal(tstInfo[0], TAG.INTEGER, 'TSTInfo.version');
  oid(tstInfo[1], 'TSTInfo.policy');
  const [hashAlgorithm, hashedMessage] = sequence(tstInfo[2], 'TSTInfo.messageImprint');
  expectUniversal(tstInfo[3], TAG.INTEGER, 'TSTInfo.serialNumber');
  expectUniversal(tstInfo[4], TAG.GENERALIZED_TIME, 'TSTInfo.genTime');
  inOrder(tstInfo.slice(5), OPTIONAL_TSTINFO_FIELDS, 'TSTInfo');
  return {
    hashAlgorithm: oid(sequence(hashAlgorithm, 'messageImprint.hashAlgorithm')[0], 'messageImprint.hashAlgorithm'),
    hashedMessage: octets(hashedMessage, 'messageImprint.hashedMessage'),
  };
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
