import { createHash, randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readFileSync } from 'node:fs';
import * as x509 from '../../../../shared/signing/dev/peculiar-x509';
import { devPkiPaths } from '../../../../shared/signing/dev/dev-pki';
import type { RevocationSource, ValidationData } from '../../../../shared/signing/validation-data';
import type { TimeStampAuthority } from '../../../../shared/signing/timestamp-authority';

const crypto = webcrypto as Crypto;
const engine = new pkijs.CryptoEngine({ name: 'test-tsa', crypto });
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const KEY_PARAMS = { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

export interface TestTsa extends TimeStampAuthority {
  rootPem: string;
  certPem: string;
  certDer: Uint8Array;
  root: { cert: x509.X509Certificate; key: CryptoKey };
  /** Every token it issued, in order. */
  tokens: Uint8Array[];
}

/**
 * An RFC 3161 TSA for tests, written with PKI.js independently of our code: its own root and a
 * TSA certificate with the critical id-kp-timeStamping EKU (RFC 3161 §2.3); tokens carry the
 * signing-certificate-v2 attribute and both certificates. `notAfter` sets the TSA certificate's expiry.
 */
export async function createTestTsa(options: { notAfter?: Date; name?: string } = {}): Promise<TestTsa> {
  const now = Date.now();
  const rootKeys = await crypto.subtle.generateKey(KEY_PARAMS, true, ['sign', 'verify']) as CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: `CN=Test TSA Root ${options.name ?? ''}`.trim(), notBefore: new Date(now - 86_400_000), notAfter: new Date(now + 20 * 365 * 86_400_000),
    keys: rootKeys, signingAlgorithm: RSA,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  }, crypto);
  const keys = await crypto.subtle.generateKey(KEY_PARAMS, true, ['sign', 'verify']) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex').replace(/^[89a-f]/, '1'), subject: `CN=Test TSA ${options.name ?? ''}`.trim(), issuer: root.subject,
    notBefore: new Date(now - 86_400_000), notAfter: options.notAfter ?? new Date(now + 5 * 365 * 86_400_000),
    publicKey: keys.publicKey, signingKey: rootKeys.privateKey, signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([TIME_STAMPING], true),
    ],
  }, crypto);
  const certDer = new Uint8Array(cert.rawData);
  const tokens: Uint8Array[] = [];
  let serial = 1;
  return {
    rootPem: root.toString('pem') + '\n',
    certPem: cert.toString('pem') + '\n',
    certDer,
    root: { cert: root, key: rootKeys.privateKey },
    tokens,
    async stamp(digest) {
      const token = await makeToken(digest, serial++, keys.privateKey, certDer, new Uint8Array(root.rawData));
      tokens.push(token);
      return token;
    },
  };
}

async function makeToken(digest: Uint8Array, serial: number, key: CryptoKey, certDer: Uint8Array, rootDer: Uint8Array): Promise<Uint8Array> {
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.2',
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
      hashedMessage: new asn1js.OctetString({ valueHex: Uint8Array.from(digest) }),
    }),
    serialNumber: new asn1js.Integer({ value: serial }),
    genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
  });
  const content = tstInfo.toSchema().toBER();
  const certificate = pkijs.Certificate.fromBER(Uint8Array.from(certDer));
  // ESSCertIDv2 with the default SHA-256 (RFC 5035 §3): SEQUENCE { SEQUENCE OF ESSCertIDv2 { certHash } }.
  const signingCertificateV2 = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [
    new asn1js.OctetString({ valueHex: createHash('sha256').update(certDer).digest() }),
  ] })] })] });
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.9.16.1.4', eContent: new asn1js.OctetString({ valueHex: content }) }),
    certificates: [certificate, pkijs.Certificate.fromBER(Uint8Array.from(rootDer))],
    signerInfos: [new pkijs.SignerInfo({
      version: 1,
      sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
      signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: [
        new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.9.16.1.4' })] }),
        new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(Buffer.from(content)).digest() })] }),
        new pkijs.Attribute({ type: '1.2.840.113549.1.9.16.2.47', values: [signingCertificateV2] }),
      ] }),
    })],
  });
  await signedData.sign(key, 0, 'SHA-256', undefined, engine);
  return new Uint8Array(new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) }).toSchema().toBER());
}

/**
 * A revocation source for tests: for each certificate of the chain whose issuer it holds the
 * key of, a fresh CRL of that issuer (empty, or listing the serials in `revoked`), written with
 * @peculiar/x509. It records every chain it was asked about.
 */
export interface TestRevocation extends RevocationSource {
  asked: Uint8Array[][];
}

export async function createTestRevocation(issuers: { cert: x509.X509Certificate; key: CryptoKey }[]): Promise<TestRevocation> {
  const asked: Uint8Array[][] = [];
  return {
    asked,
    async collect(chain): Promise<ValidationData> {
      asked.push([...chain]);
      const crls: Uint8Array[] = [];
      for (const der of chain) {
        const cert = new x509.X509Certificate(Uint8Array.from(der));
        if (cert.issuer === cert.subject) continue;
        const issuer = issuers.find((candidate) => candidate.cert.subject === cert.issuer);
        if (!issuer) continue;
        const crl = await x509.X509CrlGenerator.create({
          issuer: issuer.cert.subject, thisUpdate: new Date(), nextUpdate: new Date(Date.now() + 7 * 86_400_000),
          entries: [], signingKey: issuer.key, signingAlgorithm: RSA,
        }, crypto);
        crls.push(new Uint8Array(crl.rawData));
      }
      return { certificates: [], crls, ocspResponses: [] };
    },
    async status() {
      return { status: 'good' };
    },
  };
}

/** The dev PKI's issuing CA (its key is on disk in a test PKI), so that its CRLs can be written. */
export async function devIssuingCa(pkiDir: string): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
  const paths = devPkiPaths(pkiDir);
  const cert = new x509.X509Certificate(readFileSync(paths.issuingCert, 'utf8'));
  const pem = readFileSync(paths.issuingKey, 'utf8');
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const key = await crypto.subtle.importKey('pkcs8', der, RSA, false, ['sign']);
  return { cert, key };
}
