import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { ValidationError } from '../domain/errors';
import { DELIVERY_TIMEOUT_MS } from '../domain/webhook';
import { addressAllowed, checkWebhookUrl, type WebhookUrlPolicy } from '../domain/webhook-url';
import { ENV } from '../runtime/config';

/** Resolves a host name to all its addresses (node:dns in production; a table in tests). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/** The policy this process runs under: loopback receivers only where the local stack set the flag (never in infra/). */
export const webhookPolicyFromEnv = (): WebhookUrlPolicy => ({ loopback: process.env[ENV.webhookLoopback] === 'true' });

/** A URL checked and pinned to the one address that was checked. */
export interface WebhookTarget {
  url: URL;
  /** The host as in the URL (Host header and TLS SNI). */
  host: string;
  address: string;
  family: number;
}

/**
 * The SSRF rule (shared/domain/webhook-url.ts) with the resolver: the URL's shape, then EVERY
 * address of the host. Throws a 422 in Vietnamese naming what was refused.
 */
export async function resolveWebhookTarget(raw: string, policy: WebhookUrlPolicy, resolve: Resolver = systemResolver): Promise<WebhookTarget> {
  const checked = checkWebhookUrl(raw, policy);
  if (!checked.ok) throw new ValidationError(checked.reason);
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(checked.host);
  } catch {
    throw new ValidationError(`Không phân giải được tên miền "${checked.host}" của địa chỉ nhận sự kiện.`);
  }
  if (addresses.length === 0) throw new ValidationError(`Không phân giải được tên miền "${checked.host}" của địa chỉ nhận sự kiện.`);
  const refused = addresses.find((a) => !addressAllowed(a.address, policy));
  if (refused) {
    throw new ValidationError(`Tên miền "${checked.host}" trỏ tới địa chỉ ${refused.address}, không phải địa chỉ công khai trên Internet (nội bộ, loopback, link-local hoặc dành riêng).`);
  }
  return { url: checked.url, host: checked.host, address: addresses[0].address, family: addresses[0].family };
}

export type SendResult = { ok: true; status: number } | { ok: false; error: string };

/**
 * One POST to a checked target: the socket goes to `target.address` (the address that was
 * checked — a DNS answer that changes between the check and the connection changes nothing),
 * with the URL's host as Host header and TLS server name, so the certificate is still checked for
 * the name. No redirects are followed (a 3xx is a failure); the answer's body is not read beyond
 * its first bytes; the whole attempt is bounded by `timeoutMs`.
 */
export function postToTarget(target: WebhookTarget, headers: Record<string, string>, body: string, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<SendResult> {
  return new Promise((resolve) => {
    const https = target.url.protocol === 'https:';
    const payload = Buffer.from(body, 'utf8');
    let settled = false;
    const done = (r: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const options = {
      host: target.address,
      family: target.family,
      port: target.url.port === '' ? (https ? 443 : 80) : Number(target.url.port),
      path: `${target.url.pathname}${target.url.search}`,
      method: 'POST',
      headers: {
        ...headers,
        host: target.url.host,
        'content-type': 'application/json',
        'content-length': String(payload.length),
        'user-agent': 'BanSaoDienTu-Webhooks/1',
      },
      ...(https ? { servername: isIP(target.host) ? undefined : target.host } : {}),
    };
    const req = (https ? httpsRequest : httpRequest)(options, (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      done(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, error: `HTTP ${status}` });
    });
    const timer = setTimeout(() => done({ ok: false, error: `Không có trả lời sau ${timeoutMs / 1000} giây` }), timeoutMs);
    req.on('error', (e) => done({ ok: false, error: `Lỗi kết nối: ${(e as NodeJS.ErrnoException).code ?? e.message}` }));
    req.end(payload);
  });
}

/** The delivery port for the worker: resolve and check again, then POST to the checked address. */
export function webhookSender(policy: WebhookUrlPolicy = webhookPolicyFromEnv(), resolve: Resolver = systemResolver) {
  return {
    async post(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
      let target: WebhookTarget;
      try {
        target = await resolveWebhookTarget(url, policy, resolve);
      } catch (e) {
        return { ok: false, error: e instanceof ValidationError ? e.detail : 'Không kiểm tra được địa chỉ nhận sự kiện' };
      }
      return postToTarget(target, headers, body);
    },
  };
}
