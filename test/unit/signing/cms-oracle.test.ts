import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OID, compareDer } from '../../../shared/asn1';
import { fakeTimestampToken } from './support/fake-timestamp';
import { GOLDEN_CASES, createGoldenCms, goldenContent, goldenSigner, type GoldenCase } from './support/golden-cms';

/**
 * PKI.js as an independent oracle: our CMS is written by hand with asn1js, so a mistake in it
 * (a wrong tag, a field out of place, a re-encoded value) must show up when the field's own
 * parser reads it back.
 */
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();
const der = (schema: { toBER(): ArrayBuffer }) => Buffer.from(schema.toBER());

describe.each(Object.keys(GOLDEN_CASES) as GoldenCase[])('Function: createDetachedCms read by PKI.js (%s)', (name) => {
  const spec = GOLDEN_CASES[name];
  const chain = goldenSigner(spec.identity, spec.algorithm).certificateChain;
  let cms: Uint8Array;
  let contentInfo: pkijs.ContentInfo;
  let signedData: pkijs.SignedData;
  let signerInfo: pkijs.SignerInfo;

  beforeAll(async () => {
    cms = await createGoldenCms(name);
    contentInfo = pkijs.ContentInfo.fromBER(cms as Uint8Array<ArrayBuffer>);
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
    [signerInfo] = signedData.signerInfos;
  });

  it('is a ContentInfo(SignedData) version 1 with SHA-256 as its only digest algorithm, parameters absent', () => {
    // Assess
    expect(contentInfo.contentType).toBe(OID.signedData);
    expect(signedData.version).toBe(1);
    expect(signedData.digestAlgorithms.map((a) => [a.algorithmId, a.algorithmParams])).toEqual([[OID.sha256, undefined]]);
  });

  it('is detached: id-data without eContent, and no CRLs', () => {
    // Assess
    expect(signedData.encapContentInfo.eContentType).toBe(OID.data);
    expect(signedData.encapContentInfo.eContent).toBeUndefined();
    expect(signedData.crls).toBeUndefined();
  });

  it('carries the chain\'s certificates unchanged and in chain order', () => {
    // Act
    const certificates = (signedData.certificates ?? []).map((c) => der((c as pkijs.Certificate).toSchema()));

    // Assess
    expect(certificates).toHaveLength(2);
    expect(certificates).toEqual(chain.map((c) => Buffer.from(c)));
  });

  it('has one SignerInfo version 1 whose sid is the signer certificate\'s issuer and serial number', () => {
    // Prepare
    const certificate = pkijs.Certificate.fromBER(chain[0] as Uint8Array<ArrayBuffer>);

    // Assess
    expect(signedData.signerInfos).toHaveLength(1);
    expect(signerInfo.version).toBe(1);
    expect(signerInfo.sid).toBeInstanceOf(pkijs.IssuerAndSerialNumber);
    const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber;
    expect(sid.issuer.isEqual(certificate.issuer)).toBe(true);
    expect(sid.serialNumber.isEqual(certificate.serialNumber)).toBe(true);
    expect(der(sid.issuer.toSchema())).toEqual(der(certificate.issuer.toSchema()));
  });

  it('signs content-type, message-digest and signing-certificate-v2, in DER order', () => {
    // Act
    const attributes = signerInfo.signedAttrs!.attributes;
    const encodings = attributes.map((a) => new Uint8Array(a.toSchema().toBER()));

    // Assess
    expect(attributes.map((a) => a.type)).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2]);
    for (let i = 1; i < encodings.length; i++) expect(compareDer(encodings[i - 1], encodings[i])).toBeLessThan(0);
    expect(attributes.every((a) => a.values.length === 1)).toBe(true);
    expect((attributes[0].values[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(OID.data);
    expect(Buffer.from((attributes[1].values[0] as asn1js.OctetString).valueBlock.valueHexView)).toEqual(sha256(goldenContent()));
  });

  it('names the signature algorithm of the key, with the parameters docs/signatures.md gives', () => {
    // Act
    const { algorithmId, algorithmParams } = signerInfo.signatureAlgorithm;

    // Assess
    expect(signerInfo.digestAlgorithm.algorithmId).toBe(OID.sha256);
    expect(signerInfo.digestAlgorithm.algorithmParams).toBeUndefined();
    switch (spec.algorithm) {
      case 'RSASSA_PKCS1_V1_5_SHA_256':
        expect(algorithmId).toBe(OID.sha256WithRsa);
        expect(algorithmParams).toBeInstanceOf(asn1js.Null);
        break;
      case 'RSASSA_PSS_SHA_256': {
        expect(algorithmId).toBe(OID.rsassaPss);
        const params = new pkijs.RSASSAPSSParams({ schema: algorithmParams });
        const mgfHash = new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams });
        expect([params.hashAlgorithm.algorithmId, params.maskGenAlgorithm.algorithmId, mgfHash.algorithmId, params.saltLength, params.trailerField])
          .toEqual([OID.sha256, OID.mgf1, OID.sha256, 32, 1]);
        break;
      }
      case 'ECDSA_SHA_256':
        expect(algorithmId).toBe(OID.ecdsaWithSha256);
        expect(algorithmParams).toBeUndefined();
        break;
    }
  });

  it(spec.timestamped ? 'holds the timestamp token as its only unsigned attribute' : 'has no unsigned attributes', () => {
    // Act
    const unsigned = signerInfo.unsignedAttrs?.attributes;

    // Assess
    if (!spec.timestamped) {
      expect(unsigned).toBeUndefined();
      return;
    }
    expect(unsigned?.map((a) => a.type)).toEqual([OID.signatureTimeStampToken]);
    const signatureValue = signerInfo.signature.valueBlock.valueHexView;
    expect(der(unsigned![0].values[0])).toEqual(Buffer.from(fakeTimestampToken(signatureValue)));
  });

  it('is the encoding PKI.js itself gives the fields it read (DER, nothing lost or added)', () => {
    // Act
    const reencoded = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) }).toSchema().toBER();

    // Assess
    expect(Buffer.from(reencoded).toString('hex')).toBe(Buffer.from(cms).toString('hex'));
  });
});
