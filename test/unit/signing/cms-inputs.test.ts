import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { OID } from '../../../shared/asn1';
import { createDetachedCms } from '../../../shared/signing/cms';
import { readChain } from '../../../shared/signing/cms-signed-data';
import { SigningError } from '../../../shared/signing/errors';
import type { Signer } from '../../../shared/signing/signer';
import { fakeTimestampToken } from './support/fake-timestamp';
import { goldenContent, goldenSigner } from './support/golden-cms';

/** What createDetachedCms refuses to put into a CMS: a chain that is not certificates, an unusable token. */
const content = goldenContent();
const rsa = () => goldenSigner('rsa', 'RSASSA_PKCS1_V1_5_SHA_256');

async function failure(promise: Promise<unknown>): Promise<SigningError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SigningError);
  return error as SigningError;
}

describe('Function: createDetachedCms with the signer chain', () => {
  const withChain = (certificateChain: Uint8Array[]): { signer: Signer; calls: () => number } => {
    let calls = 0;
    const signer = rsa();
    return { signer: { ...signer, certificateChain, signDigest: (d) => { calls++; return signer.signDigest(d); } }, calls: () => calls };
  };

  it.each<[string, (chain: Uint8Array[]) => Uint8Array[]]>([
    ['garbage in place of the signer certificate', (chain) => [Uint8Array.of(1, 2, 3), chain[1]]],
    ['a truncated issuing CA certificate', (chain) => [chain[0], chain[1].subarray(0, chain[1].length - 10)]],
    ['bytes after the signer certificate', (chain) => [Uint8Array.of(...chain[0], 0x05, 0x00), chain[1]]],
    ['a SEQUENCE that is not a certificate', (chain) => [new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 })] }).toBER()), chain[1]]],
  ])('refuses %s with invalid-key, before anything is signed', async (_, corrupt) => {
    // Prepare
    const { signer, calls } = withChain(corrupt(rsa().certificateChain));

    // Act
    const error = await failure(createDetachedCms({ signer, content }));

    // Assess
    expect(error.code).toBe('invalid-key');
    expect(calls()).toBe(0);
  });

  it('refuses an empty chain with invalid-key', async () => {
    // Act
    const error = await failure(createDetachedCms({ signer: withChain([]).signer, content }));

    // Assess
    expect(error.code).toBe('invalid-key');
  });

  it('reads each certificate once for a given chain array (the Signer keeps its chain)', () => {
    // Prepare
    const chain = rsa().certificateChain;

    // Act
    const [first, second] = [readChain(chain), readChain(chain)];

    // Assess: the same objects, not a second parse; another array of the same bytes is read anew
    expect(second[0]).toBe(first[0]);
    expect(readChain(chain.map((c) => Uint8Array.from(c)))[0]).not.toBe(first[0]);
  });

  it('reads the issuer and serial number of a certificate without a version field (v1) too', () => {
    // Prepare: the TBSCertificate without its [0] version
    const [signerCert] = rsa().certificateChain;
    const certificate = asn1js.fromBER(signerCert).result as asn1js.Sequence;
    const tbs = certificate.valueBlock.value[0] as asn1js.Sequence;
    const [, serialNumber, , issuer] = tbs.valueBlock.value;
    tbs.valueBlock.value.shift();

    // Act
    const [identity] = readChain([new Uint8Array(certificate.toBER())]);

    // Assess
    expect(Buffer.from(identity.serialNumber)).toEqual(Buffer.from(serialNumber.toBER()));
    expect(Buffer.from(identity.issuer)).toEqual(Buffer.from(issuer.toBER()));
  });
});

describe('Function: createDetachedCms with a timestamper (B-T)', () => {
  const signWith = (token: (signatureValue: Uint8Array) => Uint8Array) =>
    createDetachedCms({ signer: rsa(), content, timestamper: async (signatureValue) => token(signatureValue) });
  const unsignedTokenOf = (cms: Uint8Array) => {
    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms as Uint8Array<ArrayBuffer>).content });
    return Buffer.from(signedData.signerInfos[0].unsignedAttrs!.attributes[0].values[0].toBER());
  };

  it('accepts an imprint made with SHA-384', async () => {
    // Act
    const cms = await signWith((signatureValue) => fakeTimestampToken(signatureValue, { hash: 'sha384' }));

    // Assess
    expect(unsignedTokenOf(cms).length).toBeGreaterThan(0);
  });

  it('embeds a BER token exactly as the TSA sent it', async () => {
    // Prepare: the token's outer SEQUENCE in indefinite-length form
    let token = new Uint8Array();
    const berToken = (signatureValue: Uint8Array) => {
      const der = fakeTimestampToken(signatureValue);
      const headerLength = 2 + (der[1] & 0x80 ? der[1] & 0x7f : 0);
      token = Uint8Array.of(0x30, 0x80, ...der.subarray(headerLength), 0, 0);
      return token;
    };

    // Act
    const cms = await signWith(berToken);

    // Assess
    const raw = Buffer.from(cms);
    expect(raw.includes(Buffer.from(token))).toBe(true);
  });

  it.each<[string, (signatureValue: Uint8Array) => Uint8Array, RegExp]>([
    ['an imprint over other bytes', () => fakeTimestampToken(Uint8Array.of(1, 2, 3)), /imprint is not the hash/],
    ['a SHA-1 imprint', (s) => fakeTimestampToken(s, { hash: 'sha1' }), /unsupported imprint hash 1\.3\.14\.3\.2\.26/],
    ['a SignedData over something else than a TSTInfo', (s) => fakeTimestampToken(s, { eContentType: OID.data }), /not a TSTInfo/],
    ['a ContentInfo that is not a SignedData', () => new Uint8Array(new asn1js.Sequence({ value: [
      new asn1js.ObjectIdentifier({ value: OID.data }),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.OctetString({ valueHex: new Uint8Array(4) })] }),
    ] }).toBER()), /not a SignedData/],
    ['bytes after the token', (s) => Uint8Array.of(...fakeTimestampToken(s), 0), /after its end/],
    ['bytes that are not ASN.1', () => Uint8Array.of(0x30, 0x85, 1), /not well-formed/],
    ['a TSTInfo without its genTime', (s) => withoutGenTime(fakeTimestampToken(s)), /genTime/],
  ])('refuses %s with timestamp-invalid', async (_, token, message) => {
    // Act
    const error = await failure(signWith(token));

    // Assess
    expect(error.code).toBe('timestamp-invalid');
    expect(error.message).toMatch(message);
  });
});

/** The same token with TSTInfo.genTime removed (re-encoded with PKI.js's asn1js, our code not involved). */
function withoutGenTime(token: Uint8Array): Uint8Array {
  const contentInfo = pkijs.ContentInfo.fromBER(token as Uint8Array<ArrayBuffer>);
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const eContent = signedData.encapContentInfo.eContent!;
  const tstInfo = asn1js.fromBER(eContent.getValue()).result as asn1js.Sequence;
  tstInfo.valueBlock.value.splice(4, 1);
  signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: tstInfo.toBER() });
  return new Uint8Array(new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema().toBER());
}
