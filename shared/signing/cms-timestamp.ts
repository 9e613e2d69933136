import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './cms-algorithms';
import { SigningError } from './errors';

/** Returns an RFC 3161 TimeStampToken (DER ContentInfo) over the given SignerInfo signature value. */
export type Timestamper = (signatureValue: Uint8Array) => Promise<Uint8Array>;

const HASH_NAMES: Record<string, string> = { [OID.sha256]: 'sha256', [OID.sha384]: 'sha384', [OID.sha512]: 'sha512' };

/**
 * Wraps a timestamp token as the unsigned attribute id-aa-signatureTimeStampToken (PAdES B-T),
 * after checking that its message imprint is the hash of this signature value: a token over
 * anything else would make a B-T signature that every validator rejects.
 */
export function timestampAttributes(token: Uint8Array, signatureValue: Uint8Array): pkijs.SignedAndUnsignedAttributes {
  const contentInfoSchema = parseDer(token, 'timestamp token');
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: contentInfoSchema });
    if (contentInfo.contentType !== OID.signedData) throw new Error('not a SignedData');
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const { eContentType, eContent } = signedData.encapContentInfo;
    if (eContentType !== OID.tstInfo || !eContent) throw new Error('not a TSTInfo');
    const tstInfo = pkijs.TSTInfo.fromBER(eContent.getValue());
    const { hashAlgorithm, hashedMessage } = tstInfo.messageImprint;
    const hashName = HASH_NAMES[hashAlgorithm.algorithmId];
    if (!hashName) throw new Error(`unsupported imprint hash ${hashAlgorithm.algorithmId}`);
    const expected = createHash(hashName).update(signatureValue).digest();
    if (!expected.equals(Buffer.from(hashedMessage.valueBlock.valueHexView))) {
      throw new Error('its message imprint is not the hash of this signature');
    }
  } catch (error) {
    if (error instanceof SigningError) throw error;
    throw new SigningError('timestamp-invalid', `The timestamp token is unusable: ${(error as Error).message}.`, { cause: error });
  }
  return new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [contentInfoSchema] })],
  });
}

function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || parsed.offset !== bytes.length) {
    throw new SigningError('timestamp-invalid', `The ${what} is not a single well-formed ASN.1 value.`);
  }
  return parsed.result;
}
