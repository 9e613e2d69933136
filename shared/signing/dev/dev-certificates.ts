import { createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import { derToPem, pemToDerList } from '../../asn1';
import * as x509 from './peculiar-x509';

/**
 * Certificate issuance for the development PKI, with @peculiar/x509 over node's WebCrypto passed
 * explicitly (no global provider). Nothing here is meant for production keys.
 */
export const DEV_ONLY_MARK = 'DEV ONLY — NOT FOR PRODUCTION';

/**
 * RSA 2048 by default: it is what the Vietnamese public CAs issue to officials and agencies, so
 * development exercises the same algorithm as production; generation cost (~100 ms a key) is paid
 * once, since keys are kept on disk. ECDSA P-256 is available for tests of the EC paths.
 */
export type DevKeyAlgorithm = 'RSA-2048' | 'ECDSA-P256';

export interface IssuedCertificate {
  keyPem: string;
  certPem: string;
}

export type DevSubjectKind = 'personal' | 'organization';

export interface DevSubject {
  kind: DevSubjectKind;
  commonName: string;
  organization: string;
}

const crypto = webcrypto as Crypto;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
/** Backdating absorbs clock skew between the machine that issues and the one that validates. */
const BACKDATE_MS = 5 * 60 * 1000;
const VALIDITY_YEARS = { root: 15, issuing: 10, endEntity: 5 };
/** id-kp-documentSigning (RFC 9336); emailProtection too, because NSS (pdfsig) validates
 * PDF signers with the email-signer usage and rejects a certificate whose EKU lacks it. */
const SIGNING_EKU = ['1.3.6.1.5.5.7.3.36', x509.ExtendedKeyUsage.emailProtection];

const KEY_PARAMS: Record<DevKeyAlgorithm, RsaHashedKeyGenParams | EcKeyGenParams> = {
  'RSA-2048': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  'ECDSA-P256': { name: 'ECDSA', namedCurve: 'P-256' },
};

/** Creates the self-signed root and the issuing CA it certifies, both marked DEV ONLY. */
export async function createDevCertificateAuthorities(now: Date): Promise<{ rootCertPem: string; issuing: IssuedCertificate }> {
  const rootKeys = await generateKeys('RSA-2048');
  const rootName = caName('Root CA');
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: new x509.Name(rootName),
    notBefore,
    notAfter: yearsAfter(now, VALIDITY_YEARS.root),
    keys: rootKeys,
    signingAlgorithm: signingAlgorithm('RSA-2048'),
    extensions: [
      new x509.BasicConstraintsExtension(true, 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey, false, crypto),
    ],
  }, crypto);
  const issuing = await issue({ certPem: root.toString('pem'), key: rootKeys.privateKey }, {
    name: caName('Issuing CA'),
    keyAlgorithm: 'RSA-2048',
    notBefore,
    notAfter: yearsAfter(now, VALIDITY_YEARS.issuing),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  // The root key is dropped on purpose: nothing signs with it again, so it is one less secret on disk.
  return { rootCertPem: root.toString('pem') + '\n', issuing };
}

/** Issues a signing certificate (personal, or an agency's seal) from the issuing CA. */
export async function issueDevSigningCertificate(
  issuer: IssuedCertificate, subject: DevSubject, now: Date, keyAlgorithm: DevKeyAlgorithm = 'RSA-2048',
): Promise<IssuedCertificate> {
  const issuerCert = new x509.X509Certificate(issuer.certPem);
  const notAfter = new Date(Math.min(yearsAfter(now, VALIDITY_YEARS.endEntity).getTime(), issuerCert.notAfter.getTime()));
  return issue({ certPem: issuer.certPem, key: await importSigningKey(issuer.keyPem) }, {
    name: endEntityName(subject),
    keyAlgorithm,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.ExtendedKeyUsageExtension(SIGNING_EKU, false),
    ],
  });
}

/** id-kp-timeStamping (RFC 3161 §2.3). */
const TIME_STAMPING_EKU = '1.3.6.1.5.5.7.3.8';
/** The local TSA's subject, compared by ensureDevPki before it reuses the stored certificate. */
export const DEV_TSA_SUBJECT: DevSubject = { kind: 'organization', commonName: `${DEV_ONLY_MARK} Time-Stamp Authority`, organization: DEV_ONLY_MARK };

/**
 * Issues the local TSA's certificate from the issuing CA: ECDSA P-256 (a token is signed in well
 * under a millisecond), key usage digitalSignature and nonRepudiation, and the one critical
 * extended key usage id-kp-timeStamping that RFC 3161 §2.3 requires of a TSA certificate.
 */
export async function issueDevTsaCertificate(issuer: IssuedCertificate, now: Date): Promise<IssuedCertificate> {
  const issuerCert = new x509.X509Certificate(issuer.certPem);
  const notAfter = new Date(Math.min(yearsAfter(now, VALIDITY_YEARS.endEntity).getTime(), issuerCert.notAfter.getTime()));
  return issue({ certPem: issuer.certPem, key: await importSigningKey(issuer.keyPem) }, {
    name: endEntityName(DEV_TSA_SUBJECT),
    keyAlgorithm: 'ECDSA-P256',
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.ExtendedKeyUsageExtension([TIME_STAMPING_EKU], true),
    ],
  });
}

interface IssueRequest {
  name: x509.JsonNameParams;
  keyAlgorithm: DevKeyAlgorithm;
  notBefore: Date;
  notAfter: Date;
  extensions: x509.Extension[];
}

async function issue(issuer: { certPem: string; key: CryptoKey }, request: IssueRequest): Promise<IssuedCertificate> {
  const keys = await generateKeys(request.keyAlgorithm);
  const issuerCert = new x509.X509Certificate(issuer.certPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: new x509.Name(request.name),
    issuer: issuerCert.subjectName,
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuer.key,
    signingAlgorithm: signingAlgorithm(issuer.key.algorithm.name === 'ECDSA' ? 'ECDSA-P256' : 'RSA-2048'),
    extensions: [
      ...request.extensions,
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      await x509.AuthorityKeyIdentifierExtension.create(issuerCert, false, crypto),
    ],
  }, crypto);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { keyPem: derToPem(pkcs8, 'PRIVATE KEY'), certPem: cert.toString('pem') + '\n' };
}

async function generateKeys(algorithm: DevKeyAlgorithm): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(KEY_PARAMS[algorithm], true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

async function importSigningKey(keyPem: string): Promise<CryptoKey> {
  const [der] = pemToDerList(keyPem, 'PRIVATE KEY');
  const isEc = createPrivateKey(keyPem).asymmetricKeyType === 'ec';
  const params = isEc ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return crypto.subtle.importKey('pkcs8', der as Uint8Array<ArrayBuffer>, params, false, ['sign']);
}

function signingAlgorithm(algorithm: DevKeyAlgorithm): Algorithm | EcdsaParams {
  return algorithm === 'ECDSA-P256' ? { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams : { name: 'RSASSA-PKCS1-v1_5' };
}

/** UTF8String everywhere but the country: Vietnamese names and the em dash need it (RFC 5280 §4.1.2.4). */
function caName(role: string): x509.JsonNameParams {
  return [
    { C: [{ printableString: 'VN' }] },
    { O: [{ utf8String: DEV_ONLY_MARK }] },
    { CN: [{ utf8String: `${DEV_ONLY_MARK} ${role}` }] },
  ];
}

function endEntityName(subject: DevSubject): x509.JsonNameParams {
  return [
    { C: [{ printableString: 'VN' }] },
    { O: [{ utf8String: subject.organization }] },
    // Also marks every end-entity certificate, so a dev-signed PDF never passes for a real one.
    { OU: [{ utf8String: DEV_ONLY_MARK }] },
    { CN: [{ utf8String: subject.commonName }] },
  ];
}

/** 16 random bytes, positive and without a leading zero byte, as RFC 5280 §4.1.2.2 wants. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function yearsAfter(date: Date, years: number): Date {
  return new Date(date.getTime() + years * YEAR_MS);
}
