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

/**
 * Where a CA publishes the status of the certificates it issues, written into each of them:
 * the CRL distribution point (RFC 5280 §4.2.1.13) and, optionally, the OCSP responder in
 * authority information access (§4.2.2.1; RFC 6960 §3.1).
 */
export interface DevPublication {
  crlUrl: string;
  ocspUrl?: string;
}

/** An issuing CA: its certificate and key, and where it publishes revocation data (if it does). */
export interface DevIssuer extends IssuedCertificate {
  publication?: DevPublication;
}

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

/**
 * Creates the self-signed root and the issuing CA it certifies, both marked DEV ONLY. The root's
 * key is returned too: it signs the root's CRL, and reissues the issuing CA's certificate (same key)
 * when the root's CRL moves to another URL.
 */
export async function createDevCertificateAuthorities(now: Date, rootPublication?: DevPublication): Promise<{ rootCertPem: string; root: IssuedCertificate; issuing: IssuedCertificate }> {
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
  const issuing = await issue({ certPem: root.toString('pem'), key: rootKeys.privateKey, publication: rootPublication }, issuingCaRequest(notBefore, yearsAfter(now, VALIDITY_YEARS.issuing)));
  const rootKeyPem = derToPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', rootKeys.privateKey)), 'PRIVATE KEY');
  const rootCertPem = root.toString('pem') + '\n';
  return { rootCertPem, root: { certPem: rootCertPem, keyPem: rootKeyPem }, issuing };
}

/**
 * A new certificate for the issuing CA's existing key (same name, same validity), naming the root's
 * CRL where it is published now: the certificates it issued still chain to it.
 */
export async function reissueDevIssuingCertificate(root: DevIssuer, issuing: IssuedCertificate): Promise<IssuedCertificate> {
  const current = new x509.X509Certificate(issuing.certPem);
  const publicKey = await current.publicKey.export(crypto);
  const issued = await issue({ certPem: root.certPem, key: await importSigningKey(root.keyPem), publication: root.publication },
    issuingCaRequest(current.notBefore, current.notAfter), publicKey);
  return { certPem: issued.certPem, keyPem: issuing.keyPem };
}

function issuingCaRequest(notBefore: Date, notAfter: Date): IssueRequest {
  return {
    name: caName('Issuing CA'),
    keyAlgorithm: 'RSA-2048',
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  };
}

/** One entry of a dev CA's revocation list. */
export interface DevRevocation {
  /** Hex serial number, as @peculiar/x509 writes it. */
  serial: string;
  revokedAt: string;
  reason: DevRevocationReason;
}

/** The CRLReason values a dev CA writes (RFC 5280 §5.3.1). */
export const DEV_REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'] as const;
export type DevRevocationReason = (typeof DEV_REVOCATION_REASONS)[number];

/**
 * Signs a CRL (RFC 5280 §5) of `issuer` listing `revoked`: version 2, thisUpdate/nextUpdate, the
 * CRL number (§5.2.3, which the caller keeps increasing) and the authority key identifier (§5.2.1).
 */
export async function signDevCrl(
  issuer: IssuedCertificate, revoked: readonly DevRevocation[], crlNumber: number, thisUpdate: Date, nextUpdate: Date,
): Promise<Uint8Array> {
  const issuerCert = new x509.X509Certificate(issuer.certPem);
  const key = await importSigningKey(issuer.keyPem);
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuerCert.subjectName,
    thisUpdate,
    nextUpdate,
    signingKey: key,
    signingAlgorithm: signingAlgorithm(key.algorithm.name === 'ECDSA' ? 'ECDSA-P256' : 'RSA-2048'),
    entries: revoked.map((r) => ({ serialNumber: r.serial, revocationDate: new Date(r.revokedAt), reason: x509.X509CrlReason[r.reason] })),
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(issuerCert, false, crypto),
      new x509.Extension('2.5.29.20', false, derInteger(crlNumber) as Uint8Array<ArrayBuffer>),
    ],
  }, crypto);
  return new Uint8Array(crl.rawData);
}

/** A non-negative INTEGER's DER (X.690 §8.3): big-endian, a leading zero octet when the top bit is set. */
function derInteger(value: number): Uint8Array<ArrayBuffer> {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  const content = Buffer.from(hex, 'hex');
  return Uint8Array.from([0x02, content.length, ...content]);
}

/** Issues a signing certificate (personal, or an agency's seal) from the issuing CA. */
export async function issueDevSigningCertificate(
  issuer: DevIssuer, subject: DevSubject, now: Date, keyAlgorithm: DevKeyAlgorithm = 'RSA-2048',
): Promise<IssuedCertificate> {
  const issuerCert = new x509.X509Certificate(issuer.certPem);
  const notAfter = new Date(Math.min(yearsAfter(now, VALIDITY_YEARS.endEntity).getTime(), issuerCert.notAfter.getTime()));
  return issue({ certPem: issuer.certPem, key: await importSigningKey(issuer.keyPem), publication: issuer.publication }, {
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
export async function issueDevTsaCertificate(issuer: DevIssuer, now: Date): Promise<IssuedCertificate> {
  const issuerCert = new x509.X509Certificate(issuer.certPem);
  const notAfter = new Date(Math.min(yearsAfter(now, VALIDITY_YEARS.endEntity).getTime(), issuerCert.notAfter.getTime()));
  return issue({ certPem: issuer.certPem, key: await importSigningKey(issuer.keyPem), publication: issuer.publication }, {
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

/**
 * Every certificate a dev CA issues goes through here, so each one names where its issuer
 * publishes revocation data when the issuer publishes any (`issuer.publication`).
 */
async function issue(
  issuer: { certPem: string; key: CryptoKey; publication?: DevPublication }, request: IssueRequest, existingPublicKey?: CryptoKey,
): Promise<IssuedCertificate> {
  const keys = existingPublicKey ? undefined : await generateKeys(request.keyAlgorithm);
  const publicKey = existingPublicKey ?? keys!.publicKey;
  const issuerCert = new x509.X509Certificate(issuer.certPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: new x509.Name(request.name),
    issuer: issuerCert.subjectName,
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    publicKey,
    signingKey: issuer.key,
    signingAlgorithm: signingAlgorithm(issuer.key.algorithm.name === 'ECDSA' ? 'ECDSA-P256' : 'RSA-2048'),
    extensions: [
      ...request.extensions,
      ...publicationExtensions(issuer.publication),
      await x509.SubjectKeyIdentifierExtension.create(publicKey, false, crypto),
      await x509.AuthorityKeyIdentifierExtension.create(issuerCert, false, crypto),
    ],
  }, crypto);
  if (!keys) return { keyPem: '', certPem: cert.toString('pem') + '\n' };
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { keyPem: derToPem(pkcs8, 'PRIVATE KEY'), certPem: cert.toString('pem') + '\n' };
}

/** CRL distribution points (RFC 5280 §4.2.1.13) and authority information access (§4.2.2.1), both non-critical. */
function publicationExtensions(publication: DevPublication | undefined): x509.Extension[] {
  if (!publication) return [];
  const extensions: x509.Extension[] = [new x509.CRLDistributionPointsExtension([publication.crlUrl], false)];
  if (publication.ocspUrl) extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: [new x509.GeneralName('url', publication.ocspUrl)] }, false));
  return extensions;
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
