import type * as asn1js from 'asn1js';
import { OID } from './cms-algorithms';
import { TAG, elementsOf, expectUniversal, isContext, isUniversal, octetsOf, oidOf, parseSingle, sequenceOf } from './cms-der-reader';

/** What a TSA stamped: the hash algorithm (OID) and the hash. */
export interface MessageImprint {
  hashAlgorithm: string;
  hashedMessage: Uint8Array;
}

/**
 * Reads a TimeStampToken down to its TSTInfo's messageImprint, checking on the way the shape of
 * ContentInfo and SignedData (RFC 5652 §3, §5.1) and of TSTInfo (RFC 3161 §2.4.2).
 */
export function messageImprintOf(token: Uint8Array): MessageImprint {
  const contentInfo = sequenceOf(parseSingle(token, 'the token'), 'ContentInfo');
  if (oidOf(contentInfo[0], 'ContentInfo.contentType') !== OID.signedData) throw new Error('not a SignedData');
  if (contentInfo.length !== 2 || !isContext(contentInfo[1], 0)) throw new Error('ContentInfo has no [0] content');
  const signedData = sequenceOf(elementsOf(contentInfo[1], 'ContentInfo.content')[0], 'SignedData');
  expectUniversal(signedData[0], TAG.INTEGER, 'SignedData.version');
  expectUniversal(signedData[1], TAG.SET, 'SignedData.digestAlgorithms');
  const encapContentInfo = sequenceOf(signedData[2], 'SignedData.encapContentInfo');
  expectUniversal(signedData.at(-1), TAG.SET, 'SignedData.signerInfos');
  if (signedData.length < 4) throw new Error('SignedData has too few elements');
  inOrder(signedData.slice(3, -1), [(node) => isContext(node, 0), (node) => isContext(node, 1)], 'SignedData'); // certificates, crls

  const [eContentType, eContent] = encapContentInfo;
  if (oidOf(eContentType, 'eContentType') !== OID.tstInfo || !isContext(eContent, 0)) throw new Error('not a TSTInfo');
  const tstInfo = sequenceOf(parseSingle(octetsOf(elementsOf(eContent, 'eContent')[0], 'eContent'), 'the TSTInfo'), 'TSTInfo');
  expectUniversal(tstInfo[0], TAG.INTEGER, 'TSTInfo.version');
  oidOf(tstInfo[1], 'TSTInfo.policy');
  const [hashAlgorithm, hashedMessage] = sequenceOf(tstInfo[2], 'TSTInfo.messageImprint');
  expectUniversal(tstInfo[3], TAG.INTEGER, 'TSTInfo.serialNumber');
  expectUniversal(tstInfo[4], TAG.GENERALIZED_TIME, 'TSTInfo.genTime');
  inOrder(tstInfo.slice(5), OPTIONAL_TSTINFO_FIELDS, 'TSTInfo');
  return {
    hashAlgorithm: oidOf(sequenceOf(hashAlgorithm, 'messageImprint.hashAlgorithm')[0], 'messageImprint.hashAlgorithm'),
    hashedMessage: octetsOf(hashedMessage, 'messageImprint.hashedMessage'),
  };
}

type FieldTest = (node: asn1js.BaseBlock) => boolean;

/** TSTInfo's optional fields: accuracy, ordering, nonce, tsa [0], extensions [1]. */
const OPTIONAL_TSTINFO_FIELDS: FieldTest[] = [
  (node) => isUniversal(node, TAG.SEQUENCE),
  (node) => isUniversal(node, TAG.BOOLEAN),
  (node) => isUniversal(node, TAG.INTEGER),
  (node) => isContext(node, 0),
  (node) => isContext(node, 1),
];

/** Checks that optional fields appear each at most once and in their declared order. */
function inOrder(nodes: asn1js.BaseBlock[], fields: FieldTest[], what: string): void {
  let next = 0;
  for (const node of nodes) {
    while (next < fields.length && !fields[next](node)) next++;
    if (next === fields.length) throw new Error(`${what} has unexpected elements`);
    next++;
  }
}
