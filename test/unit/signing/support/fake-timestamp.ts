import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../../../../shared/signing/cms-algorithms';

/** The fixed generation time of fake tokens, so that a CMS holding one is reproducible. */
export const FAKE_TOKEN_TIME = new Date('2025-03-14T02:30:01Z');

/**
 * A minimal RFC 3161 TimeStampToken (ContentInfo(SignedData) with a TSTInfo, no TSA signer) whose
 * message imprint is the SHA-256 of `imprintOf`. Built with PKI.js, independently of our code;
 * deterministic, so a CMS that embeds it can be compared byte for byte.
 */
export function fakeTimestampToken(imprintOf: Uint8Array): Uint8Array {
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update(imprintOf).digest() }),
    }),
    serialNumber: new asn1js.Integer({ value: 42 }),
    genTime: FAKE_TOKEN_TIME,
  });
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.tstInfo, eContent: new asn1js.OctetString({ valueHex: tstInfo.toSchema().toBER() }),
    }),
    signerInfos: [],
  });
  return new Uint8Array(new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema().toBER());
}
