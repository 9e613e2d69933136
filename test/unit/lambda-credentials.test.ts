import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultProvider } from '../../shared/runtime/lambda-credentials';

/** The variables the chain reads; each test sets its own and the originals come back after. */
const VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_PROFILE'];
const saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));
let server: Server | undefined;

function setEnvironment(values: Partial<Record<(typeof VARIABLES)[number], string>>): void {
  for (const v of VARIABLES) delete process.env[v];
  Object.assign(process.env, values);
}

afterEach(async () => {
  for (const v of VARIABLES) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A container credentials endpoint on the loopback, counting its calls. */
async function containerEndpoint(expiration: Date): Promise<{ url: string; calls: () => number }> {
  let calls = 0;
  server = createServer((req, res) => {
    calls++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ AccessKeyId: 'AKIDCONTAINER', SecretAccessKey: 'container-secret', Token: 'container-token', Expiration: expiration.toISOString() }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/credentials`, calls: () => calls };
}

describe('Function: defaultProvider (the credential chain of the Lambda bundles)', () => {
  it('returns the role credentials Lambda puts in the environment, session token included', async () => {
    setEnvironment({ AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_SESSION_TOKEN: 'env-token' });

    const credentials = await defaultProvider()();

    expect(credentials).toMatchObject({ accessKeyId: 'AKIDENV', secretAccessKey: 'env-secret', sessionToken: 'env-token' });
  });

  it('falls back to a container credentials endpoint, and reuses what it got until it nears expiry', async () => {
    const endpoint = await containerEndpoint(new Date(Date.now() + 60 * 60_000));
    setEnvironment({ AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.url });
    const provider = defaultProvider();

    const first = await provider();
    const second = await provider();

    expect(first).toMatchObject({ accessKeyId: 'AKIDCONTAINER', secretAccessKey: 'container-secret', sessionToken: 'container-token' });
    expect(second).toEqual(first);
    expect(endpoint.calls()).toBe(1);
  });

  it('asks again for credentials that expire within five minutes', async () => {
    const endpoint = await containerEndpoint(new Date(Date.now() + 2 * 60_000));
    setEnvironment({ AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.url });
    const provider = defaultProvider();

    await provider();
    const afterFirst = endpoint.calls();
    await provider();

    expect(endpoint.calls()).toBeGreaterThan(afterFirst);
  });

  it('fails at once, naming the missing credentials, when neither source is there', async () => {
    setEnvironment({});

    await expect(defaultProvider()()).rejects.toThrow(/credential|AWS_ACCESS_KEY_ID|AWS_CONTAINER/i);
  });
});
