import { createHash } from 'node:crypto';
import { pemToDerList } from '../asn1';
import { certInfo, type CertInfo } from './cert-info';

/**
 * The configured trust anchors (roots, or issuing CAs trusted directly), parsed once, plus the
 * per-process caches that make repeated verifications cheap: parsed certificates and the result
 * of "does certificate A verify under key B". Both caches are bounded, so hostile uploads full
 * of fresh certificates cost memory only up to the bound.
 */
export interface TrustList {
  readonly anchors: readonly CertInfo[];
  /** A certificate parsed from DER, from the cache when seen before; throws when it is not one. */
  certificate(der: Uint8Array): CertInfo;
  /** Whether `child` names `parent` as issuer and its signature verifies with `parent`'s key. */
  issuedBy(child: CertInfo, parent: CertInfo): boolean;
  /** Whether this exact certificate is an anchor. */
  isAnchor(cert: CertInfo): boolean;
}

const MAX_CACHED_CERTIFICATES = 512;
const MAX_CACHED_LINKS = 2048;

/** Builds a trust list from a PEM bundle; throws when the bundle holds no usable certificate. */
export function trustListFromPem(pem: string): TrustList {
  const ders = pemToDerList(pem, 'CERTIFICATE');
  if (ders.length === 0) throw new Error('The trust list PEM holds no certificate.');
  const anchors = ders.map((der, index) => {
    try {
      return certInfo(der);
    } catch (error) {
      throw new Error(`Trust list certificate ${index + 1} cannot be read: ${(error as Error).message}`, { cause: error });
    }
  });
  return new CachingTrustList(anchors);
}

class CachingTrustList implements TrustList {
  private readonly certificates = new BoundedCache<CertInfo>(MAX_CACHED_CERTIFICATES);
  private readonly links = new BoundedCache<boolean>(MAX_CACHED_LINKS);
  private readonly anchorPrints: Set<string>;

  constructor(readonly anchors: readonly CertInfo[]) {
    this.anchorPrints = new Set(anchors.map((anchor) => anchor.fingerprint));
    for (const anchor of anchors) this.certificates.set(anchor.fingerprint, anchor);
  }

  certificate(der: Uint8Array): CertInfo {
    const fingerprint = createHash('sha256').update(der).digest('hex');
    const cached = this.certificates.get(fingerprint);
    if (cached) return cached;
    const parsed = certInfo(der);
    this.certificates.set(fingerprint, parsed);
    return parsed;
  }

  issuedBy(child: CertInfo, parent: CertInfo): boolean {
    if (!child.issuerDer.equals(parent.subjectDer)) return false;
    if (child.authorityKeyId && parent.subjectKeyId && !child.authorityKeyId.equals(parent.subjectKeyId)) return false;
    const key = `${child.fingerprint}:${parent.fingerprint}`;
    const cached = this.links.get(key);
    if (cached !== undefined) return cached;
    let verified: boolean;
    try {
      verified = child.x509.verify(parent.publicKey);
    } catch {
      verified = false;
    }
    this.links.set(key, verified);
    return verified;
  }

  isAnchor(cert: CertInfo): boolean {
    return this.anchorPrints.has(cert.fingerprint);
  }
}

/** Insertion-ordered map that forgets its oldest entry beyond `limit`. */
class BoundedCache<T> {
  private readonly map = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(key: string): T | undefined {
    return this.map.get(key);
  }

  set(key: string, value: T): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
  }
}
