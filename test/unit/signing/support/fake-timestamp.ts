import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from '../../../../shared/asn1';

/** The fixed generation time of fake tokens, so that a CMS holding one is reproducible. */
export const FAKE_TOKEN_TIME = new Date('2025-03-14T02:30:01Z');

const HASH_OIDS = { sha1: '1.3.14.3.2.26', sha256: OID.sha256, sha384: OID.sha384 } as const;

export interface FakeTokenOptions {
  /** The imprint's hash algorithm (default SHA-256). */
  hash?: keyof typeof HASH_OIDS;
  /** What the SignedData claims to encapsulate (default id-ct-TSTInfo). */
  eContentType?: string;
}

/**
 * A minimal RFC 3161 TimeStampToken (ContentInfo(SignedData) with a TSTInfo, no TSA signer) whose
 * message imprint is the hash of `imprintOf`. Built with PKI.js, independently of our code;
 * deterministic, so a CMS that embeds it can be compared byte for byte.
 */
export function fakeTimestampToken(imprintOf: Uint8Array, options: FakeTokenOptions = {}): Uint8Array {
  const { hash = 'sha256', eContentType = OID.tstInfo } = options;
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: HASH_OIDS[hash] }),
      hashedMessage: new asn1js.OctetString({ valueHex: createHash(hash).update(imprintOf).digest() }),
    }),
    serialNumber: new asn1js.Integer({ value: 42 }),
    genTime: FAKE_TOKEN_TIME,
  });
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType, eContent: new asn1js.OctetString({ valueHex: tstInfo.toSchema().toBER() }),
    }),
    signerInfos: [],
  });
  return new Uint8Array(new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema().toBER());
}
