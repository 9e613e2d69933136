import { randomBytes, webcrypto } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from './peculiar-x509';
import {
  createDevCertificateAuthorities, issueDevSigningCertificate, issueDevTsaCertificate, DEV_TSA_SUBJECT, type DevKeyAlgorithm, type DevSubject, type IssuedCertificate,
} from './dev-certificates';
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

/** Where ensureDevPki keeps its files (the root key is never stored). */
export function devPkiPaths(dir: string) {
  const ca = join(dir, 'ca');
  return {
    ca,
    rootCert: join(ca, 'root.cert.pem'),
    issuingCert: join(ca, 'issuing.cert.pem'),
    issuingKey: join(ca, 'issuing.key.pem'),
    tsa: join(dir, 'tsa'),
    identity: (kind: DevIdentityKind, id: string) => join(dir, kind === 'official' ? 'officials' : 'agencies', safeId(id)),
  };
}

const crypto = webcrypto as Crypto;
/** Reissue a little before expiry, so a long-running dev stack never signs with an expired cert. */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;

/** Loads the dev PKI from `dir`, creating the CAs and any missing identity (files kept for later runs). */
export async function ensureDevPki(dir: string, people: DevPeople, now: Date = new Date()): Promise<DevPki> {
  const paths = devPkiPaths(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await ensureCertificateAuthorities(dir, now);
  const issuingCertPem = ca.issuing.certPem;
  const officials: Record<string, DevIdentity> = {};
  const agencies: Record<string, DevIdentity> = {};
  for (const official of people.officials) {
    officials[official.id] = await ensureIdentity(paths.identity('official', official.id), official.id, ca.issuing,
      { kind: 'personal', commonName: official.fullName, organization: official.agencyName }, now);
  }
  for (const agency of people.agencies) {
    agencies[agency.id] = await ensureIdentity(paths.identity('agency', agency.id), agency.id, ca.issuing,
      { kind: 'organization', commonName: agency.name, organization: agency.name }, now);
  }
  // Created here also in a data directory from before the TSA existed.
  const tsa = await ensureIdentity(paths.tsa, 'tsa', ca.issuing, DEV_TSA_SUBJECT, now, () => issueDevTsaCertificate(ca.issuing, now));
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
  const issuing = { certPem: await readFile(paths.issuingCert, 'utf8'), keyPem: await readFile(paths.issuingKey, 'utf8') };
  return toIdentity('adhoc', await issueDevSigningCertificate(issuing, subject, now, keyAlgorithm), issuing.certPem);
}

async function ensureCertificateAuthorities(dir: string, now: Date): Promise<{ rootCertPem: string; issuing: IssuedCertificate }> {
  const paths = devPkiPaths(dir);
  if (!existsSync(paths.ca)) {
    const created = await createDevCertificateAuthorities(now);
    await publishDirectory(dir, paths.ca, {
      'root.cert.pem': created.rootCertPem,
      'issuing.cert.pem': created.issuing.certPem,
      'issuing.key.pem': created.issuing.keyPem,
    });
  }
  try {
    const [rootCertPem, certPem, keyPem] = await Promise.all(
      [paths.rootCert, paths.issuingCert, paths.issuingKey].map((file) => readFile(file, 'utf8')));
    if (new x509.X509Certificate(certPem).notAfter.getTime() < now.getTime() + RENEW_BEFORE_MS) throw new Error('the issuing CA expires');
    return { rootCertPem, issuing: { certPem, keyPem } };
  } catch (error) {
    // Silently making new CAs would invalidate every trust list already handed out: ask instead.
    throw new SigningError('dev-pki-invalid', `The dev CA in ${paths.ca} is unusable (${(error as Error).message}); delete ${dir} to regenerate it.`, { cause: error });
  }
}

async function ensureIdentity(
  target: string, id: string, issuing: IssuedCertificate, subject: DevSubject, now: Date,
  issueNew = () => issueDevSigningCertificate(issuing, subject, now),
): Promise<DevIdentity> {
  const stored = await readIdentityFiles(target);
  if (stored && (await stillFits(stored.certPem, issuing.certPem, subject, now))) return toIdentity(id, stored, issuing.certPem);
  const issued = await issueNew();
  // A renamed person or a renewed CA: the old files go, the new ones take their place.
  if (stored) await rm(target, { recursive: true, force: true });
  await publishDirectory(join(target, '..'), target, { 'key.pem': issued.keyPem, 'cert.pem': issued.certPem });
  const published = await readIdentityFiles(target);
  if (!published) throw new SigningError('dev-pki-invalid', `Could not write the dev identity in ${target}.`);
  return toIdentity(id, published, issuing.certPem);
}

async function stillFits(certPem: string, issuingCertPem: string, subject: DevSubject, now: Date): Promise<boolean> {
  try {
    const cert = new x509.X509Certificate(certPem);
    const issuingCert = new x509.X509Certificate(issuingCertPem);
    return cert.subjectName.getField('CN')[0] === subject.commonName
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
