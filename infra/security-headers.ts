/**
 * The security headers of the site, one definition for CloudFront's response headers policy
 * (infra/web.ts, in AWS) and the local gateway (infra/local/gateway.ts), so the page runs under
 * the same Content-Security-Policy locally as in AWS and the two cannot drift. Plain data, no
 * CDK: the local stack imports it too.
 */

/** Two years, subdomains included (the HSTS preload list's minimum is one year). */
export const HSTS_MAX_AGE_SECONDS = 730 * 24 * 60 * 60;
export const FRAME_OPTIONS = 'DENY';
/** Verify codes and share tokens travel in URLs: never leak them to another site. */
export const REFERRER_POLICY = 'no-referrer';
/** The verify page scans QR codes with the camera; nothing else is asked of the device. */
export const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(), payment=()';

export interface CspSources {
  /** Origins the page fetches besides its own: the sign-in endpoints, the bucket of presigned URLs. */
  connect: readonly string[];
  /** `upgrade-insecure-requests`: in AWS (HTTPS everywhere); not on the local plain-HTTP stack. */
  upgradeInsecureRequests: boolean;
}

/**
 * Content-Security-Policy of the site. The page talks to its own origin (/api), to the sign-in
 * service and to S3 (presigned PUT/GET of scans and copies); it scans QR codes with the camera
 * (Permissions-Policy) and shows PDFs from blob: URLs. No inline script or style, no framing.
 */
export function contentSecurityPolicy(sources: CspSources): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...sources.connect].join(' '),
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(sources.upgradeInsecureRequests ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** What the page may reach in AWS: the Cognito hosted UI, Cognito's SRP endpoint, the region's S3. */
export function awsConnectSources(region: string, urlSuffix: string, authOrigin: string): string[] {
  return [authOrigin, `https://cognito-idp.${region}.${urlSuffix}`, `https://*.s3.${region}.${urlSuffix}`];
}

/** The headers as an HTTP response carries them (lower-case names), what the local gateway sends. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
    'content-security-policy': csp,
    'x-frame-options': FRAME_OPTIONS,
    'x-content-type-options': 'nosniff',
    'referrer-policy': REFERRER_POLICY,
    'permissions-policy': PERMISSIONS_POLICY,
  };
}
