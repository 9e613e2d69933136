import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTimeStampResponse, readTimeStampToken } from '../../../shared/asn1';
import { SigningError, TsaClient } from '../../../shared/signing';
import { timeStampRequest } from '../../../shared/signing/tsa-client';
import { DEV_TSA_POLICY_OID, tsaSigner, type TsaSigner } from '../../../infra/local/dev-tsa';
import { createTestPki, type TestPki } from './support/test-pki';
import { tsaIdentity } from '../verification/support/timestamps';

const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

type Handler = (request: Uint8Array, res: ServerResponse) => void | Promise<void>;

/** An HTTP server whose answer to each POST the test decides; counts the requests. */
async function fakeTsa(handler: Handler): Promise<{ url: string; requests: () => number; server: Server }> {
  let count = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count++;
      void handler(Buffer.concat(chunks), res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`, requests: () => count, server };
}

const reply = (res: ServerResponse, body: Uint8Array, type = 'application/timestamp-reply', status = 200) => {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length });
  res.end(body);
};

/** Rewrites a DER TimeStampReq: the same request with another imprint or nonce (found by value, same length). */
function replaced(request: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  const copy = Buffer.from(request);
  const at = copy.indexOf(Buffer.from(from));
  if (at < 0) throw new Error('value not in the request');
  Buffer.from(to).copy(copy, at);
  return copy;
}

describe('Class: TsaClient (RFC 3161 client)', () => {
  let env: TestPki;
  let good: TsaSigner;
  const servers: Server[] = [];
  const digest = createHash('sha256').update('a signature value').digest();

  beforeAll(async () => {
    env = await createTestPki();
    good = await tsaSigner(env.pki.tsa);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => { s.close(r); s.closeAllConnections(); })));
    env.cleanup();
  });

  async function clientFor(handler: Handler, options: Partial<ConstructorParameters<typeof TsaClient>[0]> = {}) {
    const tsa = await fakeTsa(handler);
    servers.push(tsa.server);
    return { client: new TsaClient({ url: tsa.url, timeoutMs: 500, attempts: 2, backoffMs: 10, ...options }), requests: tsa.requests };
  }

  async function failure(promise: Promise<unknown>): Promise<SigningError> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SigningError);
    return error as SigningError;
  }

  it('sends a version 1 SHA-256 request with a nonce and certReq, and returns a token over our digest', async () => {
    // Prepare
    let seen: Uint8Array | undefined;
    const { client } = await clientFor(async (request, res) => {
      seen = request;
      reply(res, await good.respond(request));
    });

    // Act
    const token = await client.stamp(digest);

    // Assess
    const parsed = readTimeStampToken(token);
    expect(Buffer.from(parsed.tstInfo.messageImprint.hashedMessage)).toEqual(digest);
    expect(parsed.tstInfo.policy).toBe(DEV_TSA_POLICY_OID);
    expect(parsed.tstInfo.nonce?.length).toBe(8);
    expect(parsed.certificates).toHaveLength(2);
    // SEQUENCE of 67 octets starting with version 1 (…messageImprint, nonce…), ending with certReq TRUE
    expect(Buffer.from(seen!).subarray(0, 5).toString('hex')).toBe('3043020101');
    expect(Buffer.from(seen!).subarray(-3).toString('hex')).toBe('0101ff');
  });

  it('uses a fresh nonce for every request', async () => {
    // Prepare
    const nonces: string[] = [];
    const { client } = await clientFor(async (request, res) => {
      const token = await good.respond(request);
      nonces.push(Buffer.from(readTimeStampToken(readTimeStampResponse(token).token!).tstInfo.nonce!).toString('hex'));
      reply(res, token);
    });

    // Act
    await client.stamp(digest);
    await client.stamp(digest);

    // Assess
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('refuses a rejection status (PKIStatus 2) without retrying', async () => {
    // Prepare
    // Prepare: the TSA is asked for a policy it does not serve, and answers with a rejection.
    const { client, requests } = await clientFor(async (_request, res) => {
      reply(res, await good.respond(timeStampRequest(digest, Buffer.from('0102030405060708', 'hex'), '1.2.3.4')));
    });

    // Act
    const error = await failure(client.stamp(digest));

    // Assess
    expect(error.code).toBe('timestamp-invalid');
    expect(error.message).toMatch(/status 2/);
    expect(requests()).toBe(1);
  });

  it('refuses a token over another digest', async () => {
    // Prepare
    const other = createHash('sha256').update('something else').digest();
    const { client } = await clientFor(async (request, res) => reply(res, await good.respond(replaced(request, digest, other))));

    // Act
    const error = await failure(client.stamp(digest));

    // Assess
    expect(error.code).toBe('timestamp-invalid');
    expect(error.message).toMatch(/imprint/);
  });

  it('refuses a token with another nonce (a replayed answer)', async () => {
    // Prepare: the TSA answers a request with the same digest but its own nonce.
    const { client } = await clientFor(async (request, res) => {
      const nonceAt = Buffer.from(request).length - 3 - 8;
      const forged = replaced(request, request.subarray(nonceAt, nonceAt + 8), Buffer.from('1122334455667788', 'hex'));
      reply(res, await good.respond(forged));
    });

    // Act
    const error = await failure(client.stamp(digest));

    // Assess
    expect(error.code).toBe('timestamp-invalid');
    expect(error.message).toMatch(/nonce/);
  });

  it('refuses a TSA certificate whose timeStamping extended key usage is not critical (RFC 3161 §2.3)', async () => {
    // Prepare
    const signer = await tsaSigner(await tsaIdentity(env.pkiDir, { purposes: [TIME_STAMPING], critical: false }));
    const { client } = await clientFor(async (request, res) => reply(res, await signer.respond(request)));

    // Act
    const error = await failure(client.stamp(digest));

    // Assess
    expect(error.code).toBe('timestamp-invalid');
    expect(error.message).toMatch(/critical/);
  });

  it('refuses a TSA certificate with a second extended key usage (RFC 3161 §2.3)', async () => {
    // Prepare
    const signer = await tsaSigner(await tsaIdentity(env.pkiDir, { purposes: [TIME_STAMPING, '1.3.6.1.5.5.7.3.4'], critical: true }));
    const { client } = await clientFor(async (request, res) => reply(res, await signer.respond(request)));

    // Act
    const error = await failure(client.stamp(digest));

    // Assess
    expect(error.code).toBe('timestamp-invalid');
    expect(error.message).toMatch(/id-kp-timeStamping alone/);
  });

  it('accepts a TSA certificate made in the test with the one critical timeStamping usage (the cases above differ only there)', async () => {
    // Prepare
    const signer = await tsaSigner(await tsaIdentity(env.pkiDir, { purposes: [TIME_STAMPING], critical: true }));
    const { client } = await clientFor(async (request, res) => reply(res, await signer.respond(request)));

    // Act
    const token = await client.stamp(digest);

    // Assess
    expect(readTimeStampToken(token).certificates).toHaveLength(2);
  });

  it('refuses a token whose signature does not verify', async () => {
    // Prepare: the last octet of the response is the last octet of the ECDSA signature's s.
    const { client } = await clientFor(async (request, res) => {
      const response = Buffer.from(await good.respond(request));
      response[response.length - 1] ^= 0x01;
      reply(res, response);
    });

    // Act
    const error = await failure(client.stamp(digest));

    // Assess
    expect(error.code).toBe('timestamp-invalid');
    expect(error.message).toMatch(/signature does not verify/);
  });

  it('refuses a garbage body, and an answer that is not application/timestamp-reply', async () => {
    // Prepare
    const garbage = await clientFor((_request, res) => reply(res, randomBytes(300)));
    const html = await clientFor(async (request, res) => reply(res, await good.respond(request), 'text/html'));

    // Act
    const errors = [await failure(garbage.client.stamp(digest)), await failure(html.client.stamp(digest))];

    // Assess
    expect(errors.map((e) => e.code)).toEqual(['timestamp-invalid', 'timestamp-invalid']);
    expect(errors[1].message).toMatch(/text\/html/);
  });

  it('refuses an HTTP 400 at once, and calls the TSA unavailable after every attempt answered 503', async () => {
    // Prepare
    const bad = await clientFor((_request, res) => reply(res, Buffer.from('no'), 'text/plain', 400));
    const down = await clientFor((_request, res) => reply(res, Buffer.from('busy'), 'text/plain', 503), { attempts: 3 });

    // Act
    const errors = [await failure(bad.client.stamp(digest)), await failure(down.client.stamp(digest))];

    // Assess
    expect(errors.map((e) => e.code)).toEqual(['timestamp-invalid', 'timestamp-unavailable']);
    expect([bad.requests(), down.requests()]).toEqual([1, 3]);
  });

  it('gives up on a TSA that does not answer within the timeout', async () => {
    // Prepare: the server reads the request and never answers.
    const { client, requests } = await clientFor(() => undefined, { timeoutMs: 100, attempts: 2 });

    // Act
    const error = await failure(client.stamp(digest));

    // Assess
    expect(error.code).toBe('timestamp-unavailable');
    expect(error.message).toMatch(/within 100 ms/);
    expect(requests()).toBe(2);
  });

  it('retries after a 503 and returns the token of the next attempt', async () => {
    // Prepare
    let calls = 0;
    const { client, requests } = await clientFor(async (request, res) => {
      if (++calls === 1) return reply(res, Buffer.from('busy'), 'text/plain', 503);
      reply(res, await good.respond(request));
    });

    // Act
    const token = await client.stamp(digest);

    // Assess
    expect(Buffer.from(readTimeStampToken(token).tstInfo.messageImprint.hashedMessage)).toEqual(digest);
    expect(requests()).toBe(2);
  });

  it('calls a closed port unavailable', async () => {
    // Prepare
    const { server, url } = await fakeTsa(() => undefined);
    await new Promise((r) => server.close(r));
    const client = new TsaClient({ url, timeoutMs: 500, attempts: 1 });

    // Act
    const error = await failure(client.stamp(digest));

    // Assess
    expect(error.code).toBe('timestamp-unavailable');
  });
});
