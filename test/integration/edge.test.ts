import { describe, expect, inject, it } from 'vitest';
import { LOCAL_NAMES } from '../../infra/local/stack';
import { FRAME_OPTIONS, PERMISSIONS_POLICY, REFERRER_POLICY, contentSecurityPolicy } from '../../infra/security-headers';
import { ORIGIN_HEADER } from '../../shared/http/origin-guard';
import { api, baseUrl } from '../helpers/api';

/** What CloudFront does in AWS, the local gateway does here (infra/local/gateway.ts). */
describe('Local stack: the edge behaves as CloudFront and S3 do in AWS', () => {
  const expectSecurityHeaders = (headers: Headers) => {
    expect(headers.get('content-security-policy')).toBe(contentSecurityPolicy({ connect: [inject('s3Endpoint')], upgradeInsecureRequests: false }));
    expect(headers.get('x-frame-options')).toBe(FRAME_OPTIONS);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe(REFERRER_POLICY);
    expect(headers.get('permissions-policy')).toBe(PERMISSIONS_POLICY);
    expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
  };

  it('serves the page and its assets with the CSP and the other security headers of infra/security-headers.ts', async () => {
    // Act
    const page = await fetch(`${baseUrl()}/`);
    const html = await page.text();
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    const asset = await fetch(new URL(script!, `${baseUrl()}/`));
    await asset.arrayBuffer();
    // Assess
    expect(page.status).toBe(200);
    expectSecurityHeaders(page.headers);
    expect(asset.status).toBe(200);
    expectSecurityHeaders(asset.headers);
  });

  it('sets its own origin header over one a caller forges, as CloudFront does, so the guarded handlers answer', async () => {
    const res = await api('GET', '/api/health', { headers: { [ORIGIN_HEADER]: 'forged' } });
    expect(res.status).toBe(200);
    expectSecurityHeaders(res.headers);
  });

  it('answers CORS on the originals bucket for GET and PUT from the site origin only, like the AWS rule', async () => {
    const preflight = (origin: string, method: string) =>
      fetch(`${inject('s3Endpoint')}/${LOCAL_NAMES.originalsBucket}/originals/x.pdf`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
      });
    const site = new URL(baseUrl()).origin;
    // s3rver answers a matched preflight with `*` (S3 names the origin) and refuses an unmatched one with 403, as S3 does.
    for (const method of ['GET', 'PUT']) {
      const res = await preflight(site, method);
      await res.arrayBuffer();
      expect(res.status, method).toBe(200);
      expect(res.headers.get('access-control-allow-methods'), method).toBe('GET, PUT');
    }
    for (const [origin, method] of [['https://evil.example', 'GET'], [site, 'DELETE']]) {
      const res = await preflight(origin, method);
      await res.arrayBuffer();
      expect(res.status, `${origin} ${method}`).toBe(403);
      expect(res.headers.get('access-control-allow-origin'), `${origin} ${method}`).toBeNull();
    }
  });
});
