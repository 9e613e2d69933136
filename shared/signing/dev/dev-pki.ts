import { randomBytes, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from './peculiar-x509';
import {
  DEV_REVOCATION_REASONS, DEV_TSA_SUBJECT, createDevCertificateAuthorities, issueDevSigningCertificate, issueDevTsaCertificate, reissueDevIssuingCertificate, signDevCrl,
  type DevIssuer, type DevKeyAlgorithm, type DevRevocation, type DevRevocationReason, type DevSubject, type IssuedCertificate,
} from './dev-certificates';
import { readCertificate, readCrl, pemToDerList } from '../../asn1';
import { SigningError } from '../errors';
import { LocalKeySigner } from '../local-key-signer';
import type { SignatureAlgorithm, Signer } from '../signer';

export interface DevIdentity {
  id: string;
  keyPem: string;
  certPem: string;
  /** cert + issuing CA */
  chainPem: string;
}

export interface DevPki {
  rootCertPem: string;
  issuingCertPem: string;
  officials: Record<string, DevIdentity>;
  agencies: Record<string, DevIdentity>;
  /** The local time-stamp authority's key and certificate (infra/local/dev-tsa.ts). */
  tsa: DevIdentity;
}

export interface DevPeople {
  officials: { id: string; fullName: string; agencyName: string }[];
  agencies: { id: string; name: string }[];
}

export type DevIdentityKind = 'official' | 'agency';

export interface DevPkiOptions {
  /**
   * Where the local stack serves this CA's revocation data (e.g. http://localhost:3000/pki): every
   * certificate then names its issuer's CRL there (RFC 5280 §4.2.1.13). A certificate that names
   * another URL (the stack moved to another port) is reissued. Unset: no certificate names any.
   */
  publicationBaseUrl?: string;
}

/** The two dev CAs, each with its own revocation list and CRL. */
export type DevCaName = 'root' | 'issuing';

/** What the local stack serves under its publication base URL (`${base}/${file}`). */
export const DEV_CRL_FILES: Record<DevCaName, string> = { root: 'root.crl', issuing: 'issuing.crl' };

/** Where ensureDevPki keeps its files (the root key is never stored). */
export function devPkiPaths(dir: string) {
  const ca = join(dir, 'ca');
  return {
    ca,
    rootCert: join(ca, 'root.cert.pem'),
    issuingCert: join(ca, 'issuing.cert.pem'),
    issuingKey: join(ca, 'issuing.key.pem'),
    tsa: join(dir, 'tsa'),
    /** Kept since the CAs publish CRLs: the root signs its own and recertifies the issuing CA on a new URL. */
    rootKey: join(ca, 'root.key.pem'),
    /** Each CA's revocation list ({crlNumber, revoked: [{serial, revokedAt, reason}]}) and its current CRL (DER). */
    revocations: (name: DevCaName) => join(ca, `${name}.revocations.json`),
    crl: (name: DevCaName) => join(ca, DEV_CRL_FILES[name]),
    identity: (kind: DevIdentityKind, id: string) => join(dir, kind === 'official' ? 'officials' : 'agencies', safeId(id)),
  };
}

const crypto = webcrypto as Crypto;
/** Reissue a little before expiry, so a long-running dev stack never signs with an expired cert. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

/** Loads the dev PKI from `dir`, creating the CAs and any missing identity (files kept for later runs). */
export async function ensureDevPki(dir: string, people: DevPeople, now: Date = new Date(), options: DevPkiOptions = {}): Promise<DevPki> {
  const paths = devPkiPaths(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await ensureCertificateAuthorities(dir, now, options.publicationBaseUrl);
  const revoked = new Set((await readRevocations(dir, 'issuing')).revoked.map((r) => r.serial.toLowerCase()));
  const issuingCertPem = ca.issuing.certPem;
  const officials: Record<string, DevIdentity> = {};
  const agencies: Record<string, DevIdentity> = {};
  for (const official of people.officials) {
    officials[official.id] = await ensureIdentity(paths.identity('official', official.id), official.id, ca.issuing,
      { kind: 'personal', commonName: official.fullName, organization: official.agencyName }, now, revoked);
  }
  for (const agency of people.agencies) {
    agencies[agency.id] = await ensureIdentity(paths.identity('agency', agency.id), agency.id, ca.issuing,
      { kind: 'organization', commonName: agency.name, organization: agency.name }, now, revoked);
  }
  // Created here also in a data directory from before the TSA existed.
  const tsa = await ensureIdentity(paths.tsa, 'tsa', ca.issuing, DEV_TSA_SUBJECT, now, revoked, () => issueDevTsaCertificate(ca.issuing, now));
  if (ca.root) await Promise.all((['root', 'issuing'] as const).map((name) => devCrl(dir, name, now)));
  return { rootCertPem: ca.rootCertPem, issuingCertPem, officials, agencies, tsa };
}

/** Reads one identity ensureDevPki created earlier, without needing the person's name. */
export async function readDevIdentity(dir: string, kind: DevIdentityKind, id: string): Promise<DevIdentity> {
  const paths = devPkiPaths(dir);
  const issuingCertPem = await readFile(paths.issuingCert, 'utf8').catch((error: unknown) => {
    throw new SigningError('dev-pki-invalid', `No dev PKI in ${dir}; run ensureDevPki first.`, { cause: error });
  });
  const stored = await readIdentityFiles(paths.identity(kind, id));
  if (!stored) throw new SigningError('dev-pki-invalid', `The dev PKI in ${dir} has no ${kind} identity "${id}".`);
  return toIdentity(id, stored, issuingCertPem);
}

/** Builds a Signer over a development identity's key and chain. */
export function createDevSigner(identity: DevIdentity, algorithm?: SignatureAlgorithm): Signer {
  return new LocalKeySigner({ keyPem: identity.keyPem, chainPem: identity.chainPem, algorithm });
}

/** Issues an extra end-entity certificate from the dev issuing CA (e.g. an EC key for tests); not stored. */
export async function issueDevCertificate(dir: string, subject: DevSubject, keyAlgorithm: DevKeyAlgorithm, now = new Date()): Promise<DevIdentity> {
  const paths = devPkiPaths(dir);
  const certPem = await readFile(paths.issuingCert, 'utf8');
  // The issuing CA's certificate names the root's CRL; its own CRL is published beside it.
  const rootCrl = readCertificate(pemToDerList(certPem, 'CERTIFICATE')[0]).crlDistributionPoints[0];
  const publication = rootCrl?.endsWith(`/${DEV_CRL_FILES.root}`) ? { crlUrl: rootCrl.slice(0, -DEV_CRL_FILES.root.length) + DEV_CRL_FILES.issuing } : undefined;
  const issuing: DevIssuer = { certPem, keyPem: await readFile(paths.issuingKey, 'utf8'), publication };
  return toIdentity('adhoc', await issueDevSigningCertificate(issuing, subject, now, keyAlgorithm), issuing.certPem);
}

/** The URLs of each CA's publication under `base`. */
function publications(base: string | undefined): { root?: { crlUrl: string }; issuing?: { crlUrl: string } } {
  if (!base) return {};
  const trimmed = base.replace(/\/+$/, '');
  return { root: { crlUrl: `${trimmed}/${DEV_CRL_FILES.root}` }, issuing: { crlUrl: `${trimmed}/${DEV_CRL_FILES.issuing}` } };
}

async function ensureCertificateAuthorities(
  dir: string, now: Date, base: string | undefined,
): Promise<{ rootCertPem: string; root?: DevIssuer; issuing: DevIssuer }> {
  const paths = devPkiPaths(dir);
  const urls = publications(base);
  if (!existsSync(paths.ca)) {
    const created = await createDevCertificateAuthorities(now, urls.root);
    await publishDirectory(dir, paths.ca, {
      'root.cert.pem': created.rootCertPem,
      'root.key.pem': created.root.keyPem,
      'issuing.cert.pem': created.issuing.certPem,
      'issuing.key.pem': created.issuing.keyPem,
    });
  }
  try {
    const [rootCertPem, certPem, keyPem] = await Promise.all(
      [paths.rootCert, paths.issuingCert, paths.issuingKey].map((file) => readFile(file, 'utf8')));
    if (new x509.X509Certificate(certPem).notAfter.getTime() < now.getTime() + RENEW_BEFORE_MS) throw new Error('the issuing CA expires');
    // A CA made before the CAs published CRLs has no root key: it keeps working, publishing nothing.
    const rootKeyPem = await readFile(paths.rootKey, 'utf8').catch(() => undefined);
    const root: DevIssuer | undefined = rootKeyPem ? { certPem: rootCertPem, keyPem: rootKeyPem, publication: urls.root } : undefined;
    let issuing: DevIssuer = { certPem, keyPem, publication: root ? urls.issuing : undefined };
    if (root && urls.root && !namesCrl(certPem, urls.root.crlUrl)) {
      issuing = { ...(await reissueDevIssuingCertificate(root, issuing)), publication: urls.issuing };
      await replaceFile(paths.issuingCert, issuing.certPem);
    }
    return { rootCertPem, root, issuing };
  } catch (error) {
    // Silently making new CAs would invalidate every trust list already handed out: ask instead.
    throw new SigningError('dev-pki-invalid', `The dev CA in ${paths.ca} is unusable (${(error as Error).message}); delete ${dir} to regenerate it.`, { cause: error });
  }
}

async function ensureIdentity(
  target: string, id: string, issuing: DevIssuer, subject: DevSubject, now: Date, revoked: ReadonlySet<string>,
  issueNew = () => issueDevSigningCertificate(issuing, subject, now),
): Promise<DevIdentity> {
  const stored = await readIdentityFiles(target);
  // A revoked certificate is replaced here, at the next start, never while the stack runs: within
  // a run the revoked signer stays refused (docs/long-term-validation.md).
  if (stored && (await stillFits(stored.certPem, issuing, subject, now)) && !revoked.has(serialHex(stored.certPem))) {
    return toIdentity(id, stored, issuing.certPem);
  }
  const issued = await issueNew();
  // A renamed person or a renewed CA: the old files go, the new ones take their place.
  if (stored) await rm(target, { recursive: true, force: true });
  await publishDirectory(join(target, '..'), target, { 'key.pem': issued.keyPem, 'cert.pem': issued.certPem });
  const published = await readIdentityFiles(target);
  if (!published) throw new SigningError('dev-pki-invalid', `Could not write the dev identity in ${target}.`);
  return toIdentity(id, published, issuing.certPem);
}

async function stillFits(certPem: string, issuing: DevIssuer, subject: DevSubject, now: Date): Promise<boolean> {
  try {
    const cert = new x509.X509Certificate(certPem);
    const issuingCert = new x509.X509Certificate(issuing.certPem);
    return cert.subjectName.getField('CN')[0] === subject.commonName
      && (!issuing.publication || namesCrl(certPem, issuing.publication.crlUrl))
      && cert.subjectName.getField('O')[0] === subject.organization
      && cert.notAfter.getTime() > now.getTime() + RENEW_BEFORE_MS
      && (await cert.verify({ publicKey: issuingCert, signatureOnly: true }, crypto));
  } catch {
    return false;
  }
}

async function readIdentityFiles(target: string): Promise<IssuedCertificate | undefined> {
  try {
    const [keyPem, certPem] = await Promise.all([readFile(join(target, 'key.pem'), 'utf8'), readFile(join(target, 'cert.pem'), 'utf8')]);
    return { keyPem, certPem };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Whether the certificate's CRL distribution points are exactly `crlUrl`. */
function namesCrl(certPem: string, crlUrl: string): boolean {
  const points = readCertificate(pemToDerList(certPem, 'CERTIFICATE')[0]).crlDistributionPoints;
  return points.length === 1 && points[0] === crlUrl;
}

function serialHex(certPem: string): string {
  return readCertificate(pemToDerList(certPem, 'CERTIFICATE')[0]).serial.toString('hex').toLowerCase();
}

interface RevocationState {
  /** The number of the last CRL signed (RFC 5280 §5.2.3); 0 before the first. */
  crlNumber: number;
  revoked: DevRevocation[];
}

/** Reissue the CRL once half its period has passed, as CAs do, so a fetched one is never about to expire. */
const CRL_PERIOD_MS: Record<DevCaName, number> = { root: 30 * 24 * 3600 * 1000, issuing: 24 * 3600 * 1000 };

async function readRevocations(dir: string, name: DevCaName): Promise<RevocationState> {
  try {
    return JSON.parse(await readFile(devPkiPaths(dir).revocations(name), 'utf8')) as RevocationState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { crlNumber: 0, revoked: [] };
    throw error;
  }
}

/**
 * The current CRL (DER) of one dev CA: the one on disk while it lists what the revocation list
 * holds and half its period remains, else a new one with the next CRL number. Undefined for a CA
 * made before the CAs published CRLs (no root key).
 */
export async function devCrl(dir: string, name: DevCaName, now: Date = new Date()): Promise<Uint8Array | undefined> {
  const paths = devPkiPaths(dir);
  const signer = await caKeyPair(dir, name);
  if (!signer) return undefined;
  const state = await readRevocations(dir, name);
  const onDisk = await readFile(paths.crl(name)).catch(() => undefined);
  if (onDisk) {
    const crl = readCrl(onDisk);
    const number = crl.crlNumber ? parseInt(crl.crlNumber.toString('hex'), 16) : -1;
    // Entries are only ever added, so the same count means the same list.
    if (number === state.crlNumber && crl.revoked.length === state.revoked.length && crl.nextUpdate !== undefined && crl.nextUpdate - now.getTime() > CRL_PERIOD_MS[name] / 2) return onDisk;
  }
  const next: RevocationState = { crlNumber: state.crlNumber + 1, revoked: state.revoked };
  const der = await signDevCrl(signer, next.revoked, next.crlNumber, now, new Date(now.getTime() + CRL_PERIOD_MS[name]));
  await replaceFile(paths.revocations(name), JSON.stringify(next, null, 2) + '\n');
  await replaceFile(paths.crl(name), der);
  return der;
}

/**
 * A CRL signed now, for the local stack's publication point: what a CA answering on demand (an
 * OCSP responder, or a CRL issued per request) gives, so that the validation data a copy embeds
 * right after its seal is issued after the signing time and proves the signer's status at it
 * (ETSI EN 319 102-1 §5.2.6; the verifier requires it for B-LT). Not written to disk, so it never
 * races a revocation being recorded; its CRL number is the signing second, which only grows and
 * stays above the numbers of the CRLs kept on disk (RFC 5280 §5.2.3).
 */
export async function freshDevCrl(dir: string, name: DevCaName, now: Date = new Date()): Promise<Uint8Array | undefined> {
  const signer = await caKeyPair(dir, name);
  if (!signer) return undefined;
  const state = await readRevocations(dir, name);
  return signDevCrl(signer, state.revoked, Math.floor(now.getTime() / 1000), now, new Date(now.getTime() + CRL_PERIOD_MS[name]));
}

/**
 * Puts the current certificate of an identity on the issuing CA's revocation list (RFC 5280 §5.3)
 * and signs a new CRL at once. The identity keeps its files: it is reissued at the next start
 * (ensureDevPki), so within this run it stays refused. Returns the revoked entry; revoking twice
 * keeps the first entry.
 */
export async function revokeDevIdentity(
  dir: string, kind: DevIdentityKind, id: string, reason: DevRevocationReason, now: Date = new Date(),
): Promise<DevRevocation & { certificatePem: string }> {
  if (!DEV_REVOCATION_REASONS.includes(reason)) throw new SigningError('invalid-options', `Unknown revocation reason "${reason}".`);
  const identity = await readDevIdentity(dir, kind, id);
  const serial = serialHex(identity.certPem);
  const state = await readRevocations(dir, 'issuing');
  const existing = state.revoked.find((r) => r.serial.toLowerCase() === serial);
  const entry = existing ?? { serial, revokedAt: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString(), reason };
  if (!existing) await replaceFile(devPkiPaths(dir).revocations('issuing'), JSON.stringify({ ...state, revoked: [...state.revoked, entry] }, null, 2) + '\n');
  await devCrl(dir, 'issuing', now);
  return { ...entry, certificatePem: identity.certPem };
}

async function caKeyPair(dir: string, name: DevCaName): Promise<IssuedCertificate | undefined> {
  const paths = devPkiPaths(dir);
  const [certPem, keyPem] = await Promise.all([
    readFile(name === 'root' ? paths.rootCert : paths.issuingCert, 'utf8'),
    readFile(name === 'root' ? paths.rootKey : paths.issuingKey, 'utf8').catch(() => undefined),
  ]);
  // Without the root key the CA predates publication; its issuing CA publishes nothing either.
  if (!keyPem || !existsSync(paths.rootKey)) return undefined;
  return { certPem, keyPem };
}

/** Writes a file whole or not at all (a reader never sees half a CRL). */
async function replaceFile(file: string, content: string | Uint8Array): Promise<void> {
  const staging = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(staging, content, { mode: 0o600 });
  await rename(staging, file);
}

function toIdentity(id: string, files: IssuedCertificate, issuingCertPem: string): DevIdentity {
  return { id, keyPem: files.keyPem, certPem: files.certPem, chainPem: files.certPem + issuingCertPem };
}

/**
 * Writes the files into a fresh directory and renames it into place, so that concurrent first
 * runs (test workers, two local stacks) never see half a key pair: the first rename wins and
 * the others discard theirs and read it. Every file is 0600, as private keys must be.
 */
async function publishDirectory(parent: string, target: string, files: Record<string, string>): Promise<void> {
  await mkdir(parent, { recursive: true, mode: 0o700 });
  const staging = join(parent, `.staging-${randomBytes(6).toString('hex')}`);
  await mkdir(staging, { mode: 0o700 });
  try {
    for (const [name, content] of Object.entries(files)) {
      await writeFile(join(staging, name), content, { mode: 0o600, flag: 'wx' });
    }
    await rename(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Identity ids become directory names: allow only what cannot escape the PKI directory. */
function safeId(id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id)) {
    throw new SigningError('invalid-options', `"${id}" cannot be a dev identity id (letters, digits, . _ - only).`);
  }
  return id;
}
