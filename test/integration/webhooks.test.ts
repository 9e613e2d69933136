import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { api, baseUrl, login } from '../helpers/api';
import { certify, submittedRequest } from '../helpers/flows';
import { documentedVerifier } from '../helpers/webhook-recipe';
import { apiPatient, expectProblem } from './hostile/support';

/**
 * Revocation webhooks through the local stack (docs/webhooks.md): a receiving agency's system
 * subscribes a receiver on the loopback, verifies a copy by code, the official revokes it, and the
 * receiver gets the event — checked with the recipe printed in the docs, not with our signer.
 * Creating subscriptions is limited to 10 a minute per caller; the local gateway counts machine
 * clients per address, so the creates of this file share one bucket and wait their turn (apiPatient).
 */
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A receiver on 127.0.0.1 answering 500 to its first `failures` requests, then 200. */
async function receiver(failures = 0) {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = got.length < failures ? 500 : 200;
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status).end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got };
}

/** Polls until `ready` answers a value (the worker runs on a timer); fails after `ms`. */
async function eventually<T>(ready: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await ready();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An agency's system with scopes verify + subscribe, and its client-credentials token. */
async function clientOf(agencyId: string) {
  const reg = await api('POST', '/api/clients', { token: await login('admin'), json: { agencyId, name: 'Hệ thống nhận sự kiện', scopes: ['verify', 'subscribe'] } });
  expect(reg.status, reg.text).toBe(201);
  const res = await fetch(`${baseUrl()}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${reg.body.clientId}:${reg.body.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'bansao/verify bansao/subscribe' }).toString(),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A fresh copy, checked by code by the client (so its agency is in the copy's verification log). */
async function copyVerifiedBy(token: string) {
  const { id } = await submittedRequest();
  const issued = await certify(id);
  const batch = await api('POST', '/api/verify/batch', { token, json: { items: [{ code: issued.verifyCode }] } });
  expect(batch.body.results[0].verdict, batch.text).toBe('authentic');
  return issued;
}

const revoke = async (documentId: string, reason: string) => {
  const res = await api('POST', `/api/documents/${documentId}/revoke`, { token: await login('official'), json: { reason } });
  expect(res.status, res.text).toBe(200);
};

describe('Revocation webhooks through the local stack', () => {
  it("delivers a correctly signed event to the agency's loopback receiver once the copy it verified is revoked", async () => {
    // Prepare
    const token = await clientOf('nh-vietcom-hoan-kiem');
    const rx = await receiver();
    const sub = await apiPatient('POST', '/api/subscriptions', { token, json: { url: rx.url } });
    expect(sub.status, sub.text).toBe(201);
    expect(sub.body.secret).toMatch(/^whsec_/);
    const listed = await api('GET', '/api/subscriptions', { token });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: sub.body.id, url: rx.url })]);
    expect(listed.text).not.toContain(sub.body.secret);
    const issued = await copyVerifiedBy(token);

    // Act
    await revoke(issued.documentId, 'Bản chính được xác định là giả mạo');
    const delivery = await eventually(() => rx.got[0]);

    // Assess: the receiver's own check (the docs' recipe) accepts it; the event names the copy.
    const event = documentedVerifier()(sub.body.secret, delivery.headers, delivery.body) as Record<string, any>;
    expect(event).toMatchObject({
      type: 'document.revoked',
      reason: 'Bản chính được xác định là giả mạo',
      document: { id: issued.documentId, verifyCode: issued.verifyCode, issuerAgencyId: 'ubnd-phuong-ba-dinh' },
    });
    expect(delivery.headers['webhook-id']).toBe(event.id);
    expect(() => documentedVerifier()('whsec_' + Buffer.alloc(32).toString('base64'), delivery.headers, delivery.body)).toThrow(/invalid signature/);
    const deliveries = await eventually(async () => {
      const res = await api('GET', `/api/subscriptions/${sub.body.id}/deliveries`, { token });
      return res.body.items?.[0]?.status === 'delivered' ? res.body.items : undefined;
    });
    expect(deliveries).toEqual([expect.objectContaining({ eventId: event.id, status: 'delivered', attempts: 1 })]);

    // And the subscription goes away with DELETE, for its own agency's clients only.
    const other = await clientOf('thpt-phan-dinh-phung');
    expect((await api('DELETE', `/api/subscriptions/${sub.body.id}`, { token: other })).status).toBe(404);
    expect((await api('DELETE', `/api/subscriptions/${sub.body.id}`, { token })).status).toBe(200);
    expect((await api('GET', '/api/subscriptions', { token })).body.items).toEqual([]);
  });

  it('retries a receiver that fails twice and records exactly one accepted delivery', async () => {
    // Prepare: another agency, so the first test's subscription is not involved.
    const token = await clientOf('thpt-phan-dinh-phung');
    const rx = await receiver(2);
    const sub = await apiPatient('POST', '/api/subscriptions', { token, json: { url: rx.url } });
    expect(sub.status, sub.text).toBe(201);
    const issued = await copyVerifiedBy(token);

    // Act
    await revoke(issued.documentId, 'Cấp nhầm người yêu cầu');
    const deliveries = await eventually(async () => {
      const res = await api('GET', `/api/subscriptions/${sub.body.id}/deliveries`, { token });
      return res.body.items?.[0]?.status === 'delivered' ? res.body.items : undefined;
    });

    // Assess: three attempts of one event, the same webhook-id, each signed afresh; one 2xx.
    expect(deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3 })]);
    expect(rx.got.map((g) => g.status)).toEqual([500, 500, 200]);
    expect(new Set(rx.got.map((g) => g.headers['webhook-id']))).toEqual(new Set([deliveries[0].eventId]));
    for (const g of rx.got) expect(documentedVerifier()(sub.body.secret, g.headers, g.body)).toMatchObject({ id: deliveries[0].eventId });
  });

  it('holds an agency to 5 subscriptions even when 8 are asked at once, and frees a place on delete', async () => {
    // Prepare
    const token = await clientOf('ubnd-xa-tan-hung');
    const rx = await receiver();

    // Act
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => apiPatient('POST', '/api/subscriptions', { token, json: { url: `${rx.url}?n=${i}` } })));

    // Assess
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 201, 201, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expectProblem(refused, 409);
      expect(refused.body.detail).toMatch(/tối đa 5 địa chỉ/);
    }
    expect((await api('GET', '/api/subscriptions', { token })).body.items).toHaveLength(5);
    const first = answers.find((a) => a.status === 201)!;
    expect((await api('DELETE', `/api/subscriptions/${first.body.id}`, { token })).status).toBe(200);
    expect((await apiPatient('POST', '/api/subscriptions', { token, json: { url: rx.url } })).status).toBe(201);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /công khai/],
    ['http://192.168.1.10:8080/hook', /công khai/],
    ['https://10.0.0.1/hook', /công khai/],
    ['http://hooks.example.com/hook', /https/],
  ])('refuses to subscribe %s with a Vietnamese problem, even with the local loopback exception', async (url, detail) => {
    // Prepare
    const token = await clientOf('nh-vietcom-hoan-kiem');
    // Act
    const res = await apiPatient('POST', '/api/subscriptions', { token, json: { url } });
    // Assess
    expectProblem(res, 422);
    expect(res.body.detail).toMatch(detail);
  });

  it('refuses a person (even an official) and a client without scope subscribe', async () => {
    const reg = await api('POST', '/api/clients', { token: await login('admin'), json: { agencyId: 'nh-vietcom-hoan-kiem', name: 'Chỉ kiểm tra', scopes: ['verify'] } });
    const res = await fetch(`${baseUrl()}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${reg.body.clientId}:${reg.body.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    const verifyOnly = ((await res.json()) as { access_token: string }).access_token;
    expectProblem(await apiPatient('POST', '/api/subscriptions', { token: verifyOnly, json: { url: 'https://hooks.example.com/' } }), 403);
    expectProblem(await api('GET', '/api/subscriptions', { token: await login('official') }), 403);
  });
});
