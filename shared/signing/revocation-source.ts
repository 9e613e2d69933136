import { createHash, createPublicKey, constants, verify, type KeyObject } from 'node:crypto';
import { KEY_USAGE, OID, findRevoked, readCertificate, readCrl, type Certificate, type Crl } from '../asn1';
import { SigningError } from './errors';
import type { CertificateStatus, RevocationSource, ValidationData } from './validation-data';

export interface HttpRevocationSourceOptions {
  /** Bound on each fetch, connection to last byte. */
  timeoutMs: number;
  /**
   * Longest a fetched CRL is reused, besides its nextUpdate (RFC 5280 §5.1.2.5): a CA may publish a
   * new CRL before that, and a revocation should reach the signing refusal soon. 0: never reused.
   */
  maxCacheMs: number;
  /** A CRL larger than this is refused (a CA's CRL for a few thousand signers is tens of kB). */
  maxCrlBytes?: number;
  now?: () => Date;
  fetch?: typeof globalThis.fetch;
}

/** Tolerated clock difference between the CA and us when judging thisUpdate. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DEFAULT_MAX_CRL_BYTES = 10 * 1024 * 1024;

interface Cached {
  crl: Crl;
  fetchedAt: number;
}

/**
 * The revocation port over CRLs fetched by HTTP from the distribution points each certificate
 * names (RFC 5280 §4.2.1.13): each CRL is checked before use — its issuer is the certificate's
 * issuer, the issuer may sign CRLs, the signature over tbsCertList verifies with the issuer's key,
 * and it is current (thisUpdate ≤ now < nextUpdate, §5.1.2.4–5) — and kept per process until its
 * nextUpdate or `maxCacheMs`, whichever comes first. No PKI.js: it reads with shared/asn1 and
 * checks with node:crypto, so the signing Lambdas bundle it cheaply.
 */
export class HttpRevocationSource implements RevocationSource {
  private readonly cache = new Map<string, Cached>();
  private readonly inFlight = new Map<string, Promise<Crl>>();
  private readonly now: () => Date;
  private readonly fetch: typeof globalThis.fetch;

  constructor(private readonly options: HttpRevocationSourceOptions) {
    this.now = options.now ?? (() => new Date());
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async status(certificate: Uint8Array, issuer: Uint8Array): Promise<CertificateStatus> {
    let cert: Certificate;
    let issuerCert: Certificate;
    try {
      cert = readCertificate(certificate);
      issuerCert = readCertificate(issuer);
    } catch (error) {
      return { status: 'unknown', why: `unreadable certificate: ${(error as Error).message}` };
    }
    if (cert.crlDistributionPoints.length === 0) return { status: 'unknown', why: 'the certificate names no CRL distribution point' };
    const failures: string[] = [];
    // §4.2.1.13: the points are alternatives; the first one that answers with a valid CRL decides.
    for (const url of cert.crlDistributionPoints) {
      try {
        const crl = await this.crl(url, issuerCert);
        const entry = findRevoked(crl, cert.serial);
        if (!entry) return { status: 'good' };
        return { status: 'revoked', revokedAt: new Date(entry.revokedAt), ...(entry.reason ? { reason: entry.reason } : {}) };
      } catch (error) {
        failures.push(`${url}: ${(error as Error).message}`);
      }
    }
    return { status: 'unknown', why: failures.join('; ') };
  }

  async collect(chain: readonly Uint8Array[]): Promise<ValidationData> {
    const certificates = chain.map((der) => readCertificate(der));
    const crls: Uint8Array[] = [];
    for (let i = 0; i < certificates.length; i++) {
      const cert = certificates[i];
      if (Buffer.compare(cert.issuerDer, cert.subjectDer) === 0) continue; // a self-signed root is trusted as such
      const issuer = certificates[i + 1];
      if (!issuer) throw new SigningError('revocation-unavailable', `The chain lacks the issuer of "${cert.commonName ?? 'a certificate'}"; its CRL cannot be checked.`);
      if (cert.crlDistributionPoints.length === 0) {
        throw new SigningError('revocation-unavailable', `"${cert.commonName ?? 'A certificate'}" names no CRL distribution point.`);
      }
      const failures: string[] = [];
      let found: Crl | undefined;
      for (const url of cert.crlDistributionPoints) {
        try {
          found = await this.crl(url, issuer);
          break;
        } catch (error) {
          failures.push(`${url}: ${(error as Error).message}`);
        }
      }
      if (!found) throw new SigningError('revocation-unavailable', `No valid CRL for "${cert.commonName ?? 'a certificate'}": ${failures.join('; ')}`);
      if (!crls.some((der) => Buffer.compare(der, found.der) === 0)) crls.push(found.der);
    }
    return { certificates: [...chain], crls, ocspResponses: [] };
  }

  /** The CRL at `url`, checked against `issuer`, from the cache while it is current. */
  private async crl(url: string, issuer: Certificate): Promise<Crl> {
    const key = `${url}\n${createHash('sha256').update(issuer.subjectPublicKeyInfo).digest('hex')}`;
    const now = this.now().getTime();
    const cached = this.cache.get(key);
    if (cached && now - cached.fetchedAt < this.options.maxCacheMs && current(cached.crl, now)) return cached.crl;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetchCrl(url, issuer).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const crl = await pending;
    this.cache.set(key, { crl, fetchedAt: now });
    return crl;
  }

  private async fetchCrl(url: string, issuer: Certificate): Promise<Crl> {
    if (!/^https?:\/\//i.test(url)) throw new SigningError('revocation-unavailable', 'only http(s) distribution points are fetched');
    let bytes: Uint8Array;
    try {
      const response = await this.fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs), redirect: 'error' });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? '0');
      const max = this.options.maxCrlBytes ?? DEFAULT_MAX_CRL_BYTES;
      if (declared > max) throw new Error('the CRL is too large');
      bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > max) throw new Error('the CRL is too large');
    } catch (error) {
      const why = (error as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message;
      throw new SigningError('revocation-unavailable', `cannot fetch the CRL (${why})`, { cause: error });
    }
    let crl: Crl;
    try {
      crl = readCrl(bytes);
    } catch (error) {
      throw new SigningError('revocation-unavailable', `not a CRL (${(error as Error).message})`, { cause: error });
    }
    checkCrl(crl, issuer, this.now().getTime());
    return crl;
  }
}

/** Whether the CRL may be used at `now`: issued (with some skew) and not yet past its nextUpdate. */
function current(crl: Crl, now: number): boolean {
  return crl.thisUpdate <= now + CLOCK_SKEW_MS && crl.nextUpdate !== undefined && now < crl.nextUpdate;
}

/** RFC 5280 §6.3.3: the CRL's issuer, its right to sign CRLs, its signature, and its currency. */
export function checkCrl(crl: Crl, issuer: Certificate, now: number): void {
  if (Buffer.compare(crl.issuerDer, issuer.subjectDer) !== 0) throw new SigningError('revocation-unavailable', 'the CRL is not from the certificate\'s issuer');
  if (issuer.keyUsage !== undefined && (issuer.keyUsage & KEY_USAGE.cRLSign) === 0) {
    throw new SigningError('revocation-unavailable', 'the issuer may not sign CRLs (key usage lacks cRLSign)');
  }
  if (!verifiesWithIssuer(crl, issuer)) throw new SigningError('revocation-unavailable', 'the CRL signature does not verify with the issuer\'s key');
  if (crl.nextUpdate === undefined) throw new SigningError('revocation-unavailable', 'the CRL has no nextUpdate');
  if (!current(crl, now)) {
    throw new SigningError('revocation-unavailable', `the CRL is not current (thisUpdate ${new Date(crl.thisUpdate).toISOString()}, nextUpdate ${new Date(crl.nextUpdate).toISOString()})`);
  }
}

const SIGNATURE_ALGORITHMS: Readonly<Record<string, { hash: string; ec: boolean }>> = {
  [OID.sha256WithRsa]: { hash: 'sha256', ec: false },
  [OID.sha384WithRsa]: { hash: 'sha384', ec: false },
  [OID.sha512WithRsa]: { hash: 'sha512', ec: false },
  [OID.ecdsaWithSha256]: { hash: 'sha256', ec: true },
  [OID.ecdsaWithSha384]: { hash: 'sha384', ec: true },
  [OID.ecdsaWithSha512]: { hash: 'sha512', ec: true },
};

const issuerKeys = new Map<string, KeyObject>();

function verifiesWithIssuer(crl: Crl, issuer: Certificate): boolean {
  const algorithm = SIGNATURE_ALGORITHMS[crl.signatureAlgorithm];
  if (!algorithm) throw new SigningError('revocation-unavailable', `unsupported CRL signature algorithm ${crl.signatureAlgorithm}`);
  const spki = issuer.subjectPublicKeyInfo;
  const id = spki.toString('base64');
  let key = issuerKeys.get(id);
  if (!key) {
    key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    if (issuerKeys.size > 64) issuerKeys.clear();
    issuerKeys.set(id, key);
  }
  try {
    return verify(algorithm.hash, crl.tbs, algorithm.ec ? { key, dsaEncoding: 'der' } : { key, padding: constants.RSA_PKCS1_PADDING }, crl.signature);
  } catch {
    return false;
  }
}
