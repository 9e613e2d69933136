import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The Standard Webhooks signature scheme (https://www.standardwebhooks.com, "Signature scheme"),
 * kept apart from shared/domain/webhook.ts so nothing the browser imports carries node:crypto.
 * Receivers check it with the recipe of docs/webhooks.md, not with this module.
 */

/** The Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (the HMAC key). */
export const webhookSecretOf = (random: Uint8Array): string => `whsec_${Buffer.from(random).toString('base64')}`;

const keyOf = (secret: string): Buffer => Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');

/**
 * The `webhook-signature` header: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` under the
 * secret's bytes (Standard Webhooks, "Signature scheme"). `timestamp` is in Unix seconds.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers of one delivery attempt (a fresh timestamp per attempt, the same id). */
export function webhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, id, timestamp, body) };
}

/** Our own check of a signature header (space-separated `v1,…` entries), constant-time. Receivers use docs/webhooks.md. */
export function signatureMatches(secret: string, id: string, timestamp: number, body: string, header: string): boolean {
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body));
  return header.split(' ').some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
