import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { httpHandler } from '../../../shared/http/handler';
import { ORIGIN_HEADER, originGuard } from '../../../shared/http/origin-guard';
import { json } from '../../../shared/http/responses';
import { ENV } from '../../../shared/runtime/config';

const event = (headers: Record<string, string> = {}) =>
  ({
    version: '2.0',
    routeKey: 'GET /api/health',
    rawPath: '/api/health',
    rawQueryString: '',
    headers,
    requestContext: { http: { method: 'GET', path: '/api/health' }, requestId: 'r1' },
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;
const context = { functionName: 'health', awsRequestId: 'a1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const call = (handler: ReturnType<typeof httpHandler>, headers?: Record<string, string>) =>
  handler(event(headers), context) as Promise<APIGatewayProxyStructuredResultV2>;

describe('Handler stack: the origin guard (requests must come through CloudFront)', () => {
  afterEach(() => {
    delete process.env[ENV.originVerify];
  });

  it('refuses a request without the origin header with 403 problem+json in Vietnamese', async () => {
    // Prepare
    process.env[ENV.originVerify] = 'the-shared-value';
    const handler = httpHandler('health', async () => json(200, { status: 'ok' }));
    // Act
    const res = await call(handler);
    // Assess
    expect(res.statusCode).toBe(403);
    expect(res.headers?.['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body!).detail).toMatch(/không được gọi thẳng điểm cuối API Gateway/);
  });

  it('refuses a wrong value, lets the right one through and hides the header from the handler', async () => {
    process.env[ENV.originVerify] = 'the-shared-value';
    let seen: Record<string, string | undefined> | undefined;
    const handler = httpHandler('health', async ({ event: e }) => {
      seen = { ...e.headers };
      return json(200, { status: 'ok' });
    });
    const wrong = await call(handler, { [ORIGIN_HEADER]: 'the-shared-valuf' });
    const right = await call(handler, { [ORIGIN_HEADER]: 'the-shared-value' });
    expect(wrong.statusCode).toBe(403);
    expect(right.statusCode).toBe(200);
    expect(seen).not.toHaveProperty(ORIGIN_HEADER);
  });

  it('lets every request through when no origin secret is configured', async () => {
    const handler = httpHandler('health', async () => json(200, { status: 'ok' }));
    expect((await call(handler)).statusCode).toBe(200);
  });

  it('reads the secret once per container, and again after a failed read', async () => {
    // Prepare
    let reads = 0;
    const guard = originGuard(async () => {
      reads += 1;
      if (reads === 1) throw new Error('throttled');
      return 'v';
    });
    const run = (headers: Record<string, string>) => guard.before!({ event: event(headers) } as never);
    // Act / Assess
    await expect(run({ [ORIGIN_HEADER]: 'v' })).rejects.toThrow('throttled');
    await run({ [ORIGIN_HEADER]: 'v' });
    await run({ [ORIGIN_HEADER]: 'v' });
    await expect(run({})).rejects.toMatchObject({ status: 403 });
    expect(reads).toBe(2);
  });
});
