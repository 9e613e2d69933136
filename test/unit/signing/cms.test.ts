import { createHash, randomBytes, verify, webcrypto, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID, compareDer, pemToDerList } from '../../../shared/asn1';
import { createDetachedCms } from '../../../shared/signing/cms';
import { createDevSigner, issueDevCertificate, type DevIdentity } from '../../../shared/signing/dev/dev-pki';
import { SigningError } from '../../../shared/signing/errors';
import type { SignatureAlgorithm, Signer } from '../../../shared/signing/signer';
import { fakeTimestampToken } from './support/fake-timestamp';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from './support/test-pki';
import { runTool } from './support/tools';

const engine = new pkijs.CryptoEngine({ name: 'test-node', crypto: webcrypto as Crypto });
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

function parseCms(der: Uint8Array) {
  const contentInfo = pkijs.ContentInfo.fromBER(der as Uint8Array<ArrayBuffer>);
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  return { contentInfo, signedData, signerInfo: signedData.signerInfos[0] };
}

function attributeValue(signerInfo: pkijs.SignerInfo, type: string): asn1js.AsnType | undefined {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === type)?.values[0];
}

describe('Function: createDetachedCms', () => {
  let env: TestPki;
  let ecIdentity: DevIdentity;
  const content = randomBytes(50_000);
  const signerFor = (algorithm: SignatureAlgorithm): Signer => (algorithm === 'ECDSA_SHA_256'
    ? createDevSigner(ecIdentity)
    : createDevSigner(env.pki.officials[OFFICIAL.id], algorithm));

  beforeAll(async () => {
    env = await createTestPki();
    ecIdentity = await issueDevCertificate(env.pkiDir, { kind: 'personal', commonName: 'Lê Văn Cường', organization: OFFICIAL.agencyName }, 'ECDSA-P256');
    writeFileSync(join(env.dir, 'root.pem'), env.pki.rootCertPem);
    writeFileSync(join(env.dir, 'content.bin'), content);
  });
  afterAll(() => env.cleanup());

  const openSslVerify = (cms: Uint8Array, name: string) => {
    writeFileSync(join(env.dir, `${name}.p7s`), cms);
    return runTool('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(env.dir, `${name}.p7s`),
      '-content', join(env.dir, 'content.bin'), '-CAfile', join(env.dir, 'root.pem'), '-purpose', 'any', '-out', '/dev/null']);
  };

  describe.each<[SignatureAlgorithm, string]>([
    ['RSASSA_PKCS1_V1_5_SHA_256', OID.sha256WithRsa],
    ['RSASSA_PSS_SHA_256', OID.rsassaPss],
    ['ECDSA_SHA_256', OID.ecdsaWithSha256],
  ])('with %s', (algorithm, signatureOid) => {
    let cms: Uint8Array;
    beforeAll(async () => {
      cms = await createDetachedCms({ signer: signerFor(algorithm), content });
    });

    it('produces a CMS that openssl cms -verify accepts against the dev root', () => {
      // Act
      const result = openSslVerify(cms, algorithm);

      // Assess
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/Verification successful/);
    });

    it('verifies with PKI.js through an explicitly passed crypto engine', async () => {
      // Prepare
      const { signedData } = parseCms(cms);

      // Act
      const result = await signedData.verify({ signer: 0, data: content.buffer.slice(content.byteOffset, content.byteOffset + content.length) as ArrayBuffer, extendedMode: true }, engine);

      // Assess
      expect(result.signatureVerified).toBe(true);
    });

    it('uses the signature algorithm identifier from docs/signatures.md and SHA-256 as digest', () => {
      // Act
      const { signerInfo, signedData } = parseCms(cms);

      // Assess
      expect(signerInfo.signatureAlgorithm.algorithmId).toBe(signatureOid);
      expect(signerInfo.digestAlgorithm.algorithmId).toBe(OID.sha256);
      expect(signedData.digestAlgorithms.map((a) => a.algorithmId)).toEqual([OID.sha256]);
      if (algorithm === 'RSASSA_PSS_SHA_256') {
        const params = new pkijs.RSASSAPSSParams({ schema: signerInfo.signatureAlgorithm.algorithmParams });
        expect([params.hashAlgorithm.algorithmId, params.saltLength]).toEqual([OID.sha256, 32]);
        expect(new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams }).algorithmId).toBe(OID.sha256);
      }
    });
  });

  describe('signed attributes (PAdES B-B)', () => {
    let cms: Uint8Array;
    let signerInfo: pkijs.SignerInfo;
    beforeAll(async () => {
      cms = await createDetachedCms({ signer: signerFor('RSASSA_PKCS1_V1_5_SHA_256'), content });
      ({ signerInfo } = parseCms(cms));
    });

    it('holds exactly content-type, message-digest and signing-certificate-v2, and no signing-time', () => {
      // Act
      const types = signerInfo.signedAttrs!.attributes.map((a) => a.type);

      // Assess
      expect(new Set(types)).toEqual(new Set([OID.contentType, OID.messageDigest, OID.signingCertificateV2]));
      expect(types).not.toContain(OID.signingTime);
      expect((attributeValue(signerInfo, OID.contentType) as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(OID.data);
    });

    it('records the SHA-256 of the content as message digest', () => {
      // Act
      const digest = (attributeValue(signerInfo, OID.messageDigest) as asn1js.OctetString).valueBlock.valueHexView;

      // Assess
      expect(Buffer.from(digest).equals(sha256(content))).toBe(true);
    });

    it('puts the SHA-256 of the signer certificate, and nothing else, into signing-certificate-v2', () => {
      // Prepare
      const [signerCert] = pemToDerList(env.pki.officials[OFFICIAL.id].certPem, 'CERTIFICATE');

      // Act
      const value = attributeValue(signerInfo, OID.signingCertificateV2) as asn1js.Sequence;
      const certs = value.valueBlock.value[0] as asn1js.Sequence;
      const essCertId = certs.valueBlock.value[0] as asn1js.Sequence;

      // Assess
      expect(value.valueBlock.value).toHaveLength(1); // no policies
      expect(certs.valueBlock.value).toHaveLength(1);
      expect(essCertId.valueBlock.value).toHaveLength(1); // default SHA-256, no issuerSerial
      const hash = (essCertId.valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView;
      expect(Buffer.from(hash).equals(sha256(signerCert))).toBe(true);
    });

    it('encodes the attributes in DER order and signs exactly that SET OF', () => {
      // Prepare: take the [0] IMPLICIT bytes straight from the CMS, not from PKI.js's re-tagged copy
      const contentInfo = asn1js.fromBER(cms).result as asn1js.Sequence;
      const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
      const signerInfos = signedData.valueBlock.value.at(-1) as asn1js.Set;
      const rawSignerInfo = signerInfos.valueBlock.value[0] as asn1js.Sequence;
      const encoded = new Uint8Array(rawSignerInfo.valueBlock.value[3].valueBeforeDecodeView);
      const setOf = Uint8Array.from(encoded);
      setOf[0] = 0x31;

      // Act
      const set = asn1js.fromBER(setOf).result as asn1js.Set;
      const elements = set.valueBlock.value.map((v) => new Uint8Array(v.toBER()));
      const certificate = new X509Certificate(pemToDerList(env.pki.officials[OFFICIAL.id].certPem, 'CERTIFICATE')[0]);

      // Assess
      expect(encoded[0]).toBe(0xa0);
      for (let i = 1; i < elements.length; i++) expect(compareDer(elements[i - 1], elements[i])).toBeLessThan(0);
      const signature = signerInfo.signature.valueBlock.valueHexView;
      expect(verify('sha256', setOf, certificate.publicKey, signature)).toBe(true);
    });

    it('includes the signer certificate and its issuing CA', () => {
      // Act
      const { signedData } = parseCms(cms);
      const ders = (signedData.certificates ?? []).map((c) => Buffer.from((c as pkijs.Certificate).toSchema().toBER()));

      // Assess
      const expected = pemToDerList(env.pki.officials[OFFICIAL.id].chainPem, 'CERTIFICATE').map((d) => Buffer.from(d));
      expect(ders).toEqual(expected);
    });
  });

  describe('failures', () => {
    it('refuses a signer whose key does not match its certificate', async () => {
      // Prepare
      const agency = createDevSigner(env.pki.agencies[AGENCY.id]);
      const mismatched: Signer = { ...agency, certificateChain: signerFor('RSASSA_PKCS1_V1_5_SHA_256').certificateChain, signDigest: (d) => agency.signDigest(d) };

      // Act
      const error = await createDetachedCms({ signer: mismatched, content }).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(SigningError);
      expect((error as SigningError).code).toBe('signer-failed');
    });

    it('refuses, as an invalid key, a certificate whose structure reads but whose key Node cannot use', async () => {
      // Prepare: the key's algorithm OID rsaEncryption (1.2.840.113549.1.1.1) becomes an unknown one.
      const signer = signerFor('RSASSA_PKCS1_V1_5_SHA_256');
      const certificate = Buffer.from(signer.certificateChain[0]);
      const rsaEncryption = Buffer.from('06092a864886f70d010101', 'hex');
      const at = certificate.indexOf(rsaEncryption);
      expect(at).toBeGreaterThan(0);
      certificate[at + rsaEncryption.length - 1] = 0x7f;
      const unusable: Signer = { ...signer, certificateChain: [certificate, ...signer.certificateChain.slice(1)], signDigest: (d) => signer.signDigest(d) };

      // Act
      const error = await createDetachedCms({ signer: unusable, content }).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(SigningError);
      expect((error as SigningError).code, (error as Error).message).toBe('invalid-key');
    });

    it('wraps a failing signer in a SigningError that keeps the cause', async () => {
      // Prepare
      const cause = new Error('HSM unavailable');
      const failing: Signer = { ...signerFor('ECDSA_SHA_256'), signDigest: () => Promise.reject(cause) };

      // Act
      const error = await createDetachedCms({ signer: failing, content }).catch((e: unknown) => e);

      // Assess
      expect((error as SigningError).code).toBe('signer-failed');
      expect((error as SigningError).cause).toBe(cause);
    });
  });

  describe('B-T: a timestamper', () => {
    it('adds the token over the signature value as unsigned attribute id-aa-signatureTimeStampToken', async () => {
      // Prepare
      let token: Uint8Array | undefined;
      const timestamper = async (signatureValue: Uint8Array) => (token = fakeTimestampToken(signatureValue));

      // Act
      const cms = await createDetachedCms({ signer: signerFor('RSASSA_PKCS1_V1_5_SHA_256'), content, timestamper });

      // Assess
      const { signerInfo } = parseCms(cms);
      const [attribute] = signerInfo.unsignedAttrs!.attributes;
      expect(attribute.type).toBe(OID.signatureTimeStampToken);
      expect(Buffer.from(attribute.values[0].toBER()).equals(Buffer.from(token!))).toBe(true);
      expect(openSslVerify(cms, 'bt').status).toBe(0);
    });

    it('refuses a token whose imprint is not this signature', async () => {
      // Act
      const error = await createDetachedCms({
        signer: signerFor('RSASSA_PKCS1_V1_5_SHA_256'), content, timestamper: async () => fakeTimestampToken(Buffer.from('something else')),
      }).catch((e: unknown) => e);

      // Assess
      expect((error as SigningError).code).toBe('timestamp-invalid');
    });
  });
});
