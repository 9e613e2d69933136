import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { ENV } from '../../../shared/runtime/config';
import { responseMismatch } from '../../../shared/http/contract-check';
import { httpHandler } from '../../../shared/http/handler';
import { json, raw } from '../../../shared/http/responses';
import { routeOf } from '../../../shared/contracts/routes';

const lambda = { functionName: 'test', awsRequestId: 'r-1' } as Context;
const eventOf = (parts: Partial<APIGatewayProxyEventV2>) =>
  ({ rawPath: '/api/x', headers: {}, requestContext: { http: { method: 'GET' } }, isBase64Encoded: false, ...parts }) as unknown as APIGatewayProxyEventV2;
const call = async (handler: (e: APIGatewayProxyEventV2, c: Context) => Promise<unknown>, event: APIGatewayProxyEventV2) => {
  const response = (await handler(event, lambda)) as APIGatewayProxyStructuredResultV2;
  return { status: response.statusCode, body: JSON.parse(String(response.body)) };
};

afterEach(() => {
  delete process.env[ENV.contractCheck];
});

describe('Function: responseMismatch', () => {
  const { contract } = routeOf('requests-get');

  it('accepts a response the contract declares', () => {
    expect(responseMismatch(routeOf('health').contract, json(200, { status: 'ok' }))).toBeUndefined();
    expect(responseMismatch(routeOf('requests-appointment-slip').contract, raw(200, new Uint8Array([37]), 'application/pdf'))).toBeUndefined();
  });

  it('names the member that drifted from the schema', () => {
    expect(responseMismatch(contract, json(200, { id: 'r1', kind: 'certify-copy' }))).toMatch(/agencyId/);
  });

  it('refuses an undeclared status or media type', () => {
    expect(responseMismatch(contract, json(201, {}))).toMatch(/status 201/);
    expect(responseMismatch(contract, raw(200, 'a,b', 'text/csv'))).toMatch(/text\/csv/);
  });
});

describe('Function: httpHandler holds each route to its contract', () => {
  it('answers 500 for a response outside the contract when CONTRACT_CHECK=enforce', async () => {
    process.env[ENV.contractCheck] = 'enforce';
    const handler = httpHandler('health', async () => json(200, { status: 'up' }));

    const { status, body } = await call(handler, eventOf({}));

    expect(status).toBe(500);
    expect(body.code).toBe('internal-error');
  });

  it('lets the response out (and logs it) where the check is not enforced', async () => {
    const handler = httpHandler('health', async () => json(200, { status: 'up' }));

    const { status, body } = await call(handler, eventOf({}));

    expect(status).toBe(200);
    expect(body).toEqual({ status: 'up' });
  });

  it('refuses a JSON body outside the schema with a 422 in Vietnamese, before the use case runs', async () => {
    let ran = false;
    const handler = httpHandler('verify-file', async () => {
      ran = true;
      return json(200, {});
    });

    const { status, body } = await call(handler, eventOf({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ uploadId: 'x' }) }));

    expect(status).toBe(422);
    expect(body.detail).toMatch(/^Dữ liệu gửi lên không hợp lệ — uploadId: uploadId không hợp lệ/);
    expect(body.errors).toEqual([{ field: 'uploadId', message: 'uploadId không hợp lệ' }]);
    expect(ran).toBe(false);
  });

  it('hands a PDF body over as bytes, and a bad query as a 422 naming the parameter', async () => {
    let received: unknown;
    const verify = httpHandler('verify-file', async ({ body }) => {
      received = body;
      return json(200, {});
    });
    const revocations = httpHandler('revocations-list', async () => json(200, { items: [] }));

    await call(verify, eventOf({ headers: { 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.7').toString('base64'), isBase64Encoded: true }));
    const { status, body } = await call(revocations, eventOf({ queryStringParameters: { limit: '0' } }));

    expect(Buffer.from(received as Uint8Array).toString('latin1')).toBe('%PDF-1.7');
    expect(status).toBe(422);
    expect(body.detail).toMatch(/^Tham số truy vấn không hợp lệ — limit: chưa đạt mức tối thiểu/);
  });

  it('answers 404 for a path parameter outside the contract', async () => {
    const handler = httpHandler('verify-code', async () => json(200, {}));

    const { status, body } = await call(handler, eventOf({ pathParameters: { code: 'x'.repeat(101) } }));

    expect(status).toBe(404);
    expect(body.detail).toBe('Tham số đường dẫn "code" không hợp lệ.');
  });
});
