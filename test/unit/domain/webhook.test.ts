import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RETRY_WINDOW_MS, nextAttemptAt } from '../../../shared/domain/webhook';
import { documentedVerifier, recipe } from '../../helpers/webhook-recipe';
import { signWebhook, signatureMatches, webhookHeaders, webhookSecretOf } from '../../../shared/domain/webhook-signature';

// The Standard Webhooks specification's published test vector.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const docsVerify = documentedVerifier;

describe('Function: signWebhook (Standard Webhooks)', () => {
  it("reproduces the specification's test vector", () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it('makes headers that the documented Node recipe accepts, and that it refuses once the body changed', () => {
    // Prepare
    const secret = webhookSecretOf(new Uint8Array(32).fill(7));
    const at = new Date('2026-03-02T03:00:00Z');
    const body = JSON.stringify({ id: 'evt_1', type: 'document.revoked' });
    const headers = webhookHeaders(secret, 'evt_1', at, body);
    const verify = docsVerify();
    // Act / Assess
    expect(verify(secret, headers, body, at.getTime() / 1000)).toEqual({ id: 'evt_1', type: 'document.revoked' });
    expect(() => verify(secret, headers, body.replace('revoked', 'issued'), at.getTime() / 1000)).toThrow(/invalid signature/);
    expect(() => verify(secret, headers, body, at.getTime() / 1000 + 3600)).toThrow(/timestamp/);
    expect(signatureMatches(secret, 'evt_1', Number(headers['webhook-timestamp']), body, headers['webhook-signature'])).toBe(true);
  });

  it("the documented Node recipe accepts the specification's vector", () => {
    const headers = { 'webhook-id': VECTOR.id, 'webhook-timestamp': String(VECTOR.timestamp), 'webhook-signature': VECTOR.signature };
    expect(docsVerify()(VECTOR.secret, headers, VECTOR.body, VECTOR.timestamp)).toEqual({ test: 2432232314 });
  });

  it("the documented openssl one-liner prints the specification's signature", () => {
    // Act: the one-liner as the page prints it, with the vector in its variables and body.json.
    const out = execFileSync('sh', ['-c', `cd "$DIR" && printf '%s' "$BODY" > body.json && ${recipe('openssl')}`], {
      env: { ...process.env, DIR: execFileSync('mktemp', ['-d']).toString().trim(), BODY: VECTOR.body, WEBHOOK_ID: VECTOR.id, WEBHOOK_TIMESTAMP: String(VECTOR.timestamp), SECRET: VECTOR.secret },
    });
    // Assess
    expect(`v1,${out.toString().trim()}`).toBe(VECTOR.signature);
  });

  it('makes a whsec_ secret of the 32 random bytes handed in', () => {
    const secret = webhookSecretOf(new Uint8Array(32).fill(1));
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toEqual(Buffer.alloc(32, 1));
  });
});

describe('Function: nextAttemptAt (retries for a day)', () => {
  const occurred = new Date('2026-03-02T00:00:00Z');

  it('waits 30 s, 1 min, 2 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, then 8 h, after each failure', () => {
    // Prepare: each attempt fails the moment it is made.
    const waits: number[] = [];
    let at = occurred;
    // Act
    for (let attempts = 1; attempts <= 20; attempts++) {
      const next = nextAttemptAt(occurred, attempts, at);
      if (next === 'dead') break;
      waits.push((next.getTime() - at.getTime()) / 1000);
      at = next;
    }
    // Assess: 15 h 53 min 30 s of waits, one more of 8 h, and the twelfth is cut at the 24 h mark.
    expect(waits).toEqual([30, 60, 120, 300, 900, 1800, 3600, 7200, 14400, 28800, 28800, 390]);
    expect(at.getTime()).toBe(occurred.getTime() + RETRY_WINDOW_MS);
  });

  it('parks the delivery as dead when the attempt at the 24 h mark fails, never before', () => {
    expect(nextAttemptAt(occurred, 13, new Date(occurred.getTime() + RETRY_WINDOW_MS))).toBe('dead');
    expect(nextAttemptAt(occurred, 12, new Date(occurred.getTime() + RETRY_WINDOW_MS - 1))).toEqual(new Date(occurred.getTime() + RETRY_WINDOW_MS));
  });

  it('compresses the whole schedule, window included, by the local time scale', () => {
    expect(nextAttemptAt(occurred, 1, occurred, 0.01)).toEqual(new Date(occurred.getTime() + 300));
    expect(nextAttemptAt(occurred, 3, new Date(occurred.getTime() + RETRY_WINDOW_MS * 0.01), 0.01)).toBe('dead');
  });
});
