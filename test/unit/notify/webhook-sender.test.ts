import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/domain/errors';
import { postToTarget, resolveWebhookTarget, webhookSender, type Resolver } from '../../../shared/notify/webhook-sender';

const LOCAL = { loopback: true };
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A receiver on 127.0.0.1 answering with `answer`; keeps the Host header of each request. */
async function listen(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const hosts: string[] = [];
  server = createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    req.resume();
    answer(req, res);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, hosts };
}

/** A DNS that answers each lookup from the list in turn (a name rebound between lookups). */
function dnsAnswering(...answers: string[][]): Resolver & { calls: number } {
  const r = Object.assign(async () => (answers[r.calls++] ?? answers.at(-1)!).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })), { calls: 0 });
  return r;
}

describe('Function: resolveWebhookTarget', () => {
  it('refuses a name when any of its addresses is not public, naming the address', async () => {
    const dns = dnsAnswering(['93.184.216.34', '10.0.0.7']);
    const error = await resolveWebhookTarget('https://mixed.example/', { loopback: false }, dns).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).detail).toContain('10.0.0.7');
  });

  it('refuses a name that does not resolve, in Vietnamese', async () => {
    const error = await resolveWebhookTarget('https://nowhere.example/', { loopback: false }, async () => Promise.reject(new Error('ENOTFOUND'))).catch((e: unknown) => e);
    expect((error as ValidationError).detail).toMatch(/Không phân giải được/);
  });

  it('pins the target to the address it checked', async () => {
    const target = await resolveWebhookTarget('https://hooks.bank.example:8443/x', { loopback: false }, dnsAnswering(['93.184.216.34']));
    expect(target).toMatchObject({ address: '93.184.216.34', host: 'hooks.bank.example' });
  });
});

describe('Function: webhookSender (resolve, check, connect to the checked address)', () => {
  it('connects to the checked address with the URL host as Host, resolving once per attempt', async () => {
    // Prepare
    const { port, hosts } = await listen((_req, res) => res.writeHead(204).end());
    const dns = dnsAnswering(['127.0.0.1']);
    // Act
    const result = await webhookSender(LOCAL, dns).post(`http://localhost:${port}/hook`, { 'webhook-id': 'evt_1' }, '{}');
    // Assess
    expect(result).toEqual({ ok: true, status: 204 });
    expect(hosts).toEqual([`localhost:${port}`]);
    expect(dns.calls).toBe(1);
  });

  it('refuses, without connecting, a name rebound to the metadata address after it was subscribed', async () => {
    // Prepare: the first answer (at subscription) is loopback; the next one, at delivery, is 169.254.169.254.
    const { port, hosts } = await listen((_req, res) => res.writeHead(200).end());
    const dns = dnsAnswering(['127.0.0.1'], ['169.254.169.254']);
    await resolveWebhookTarget(`http://localhost:${port}/hook`, LOCAL, dns);
    // Act
    const result = await webhookSender(LOCAL, dns).post(`http://localhost:${port}/hook`, {}, '{}');
    // Assess
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('169.254.169.254') });
    expect(hosts).toEqual([]);
  });

  it('treats a redirect as a failure and does not follow it', async () => {
    const { port, hosts } = await listen((_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/' }).end());
    const result = await webhookSender(LOCAL, dnsAnswering(['127.0.0.1'])).post(`http://127.0.0.1:${port}/`, {}, '{}');
    expect(result).toEqual({ ok: false, error: 'HTTP 302' });
    expect(hosts).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer within the bound', async () => {
    const { port } = await listen(() => undefined);
    const target = await resolveWebhookTarget(`http://127.0.0.1:${port}/`, LOCAL, dnsAnswering(['127.0.0.1']));
    expect(await postToTarget(target, {}, '{}', 200)).toMatchObject({ ok: false, error: expect.stringMatching(/Không có trả lời/) });
  });
});
