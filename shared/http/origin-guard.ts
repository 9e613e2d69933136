import { createHash, timingSafeEqual } from 'node:crypto';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError } from '../domain/errors';
import { ENV } from '../runtime/config';
import { boundedRequestHandler } from '../store/clients';

/**
 * The header CloudFront adds to every request it sends to the API (infra/web.ts), and the local
 * gateway too (infra/local/gateway.ts). The HTTP API's own execute-api endpoint is public: a
 * request that reaches the handlers without this header has come around CloudFront, and so around
 * the web ACL and its per-route rate limits (infra/waf.ts). It is refused.
 */
export const ORIGIN_HEADER = 'x-origin-verify';

/** The expected header value, or undefined when no guard is configured (unit tests calling handlers directly). */
export type OriginSecretLoader = () => Promise<string | undefined>;

/**
 * AWS: ORIGIN_SECRET_NAME names the Secrets Manager secret; its value is read through SSM's
 * reference path (`/aws/reference/secretsmanager/<name>`), so the SSM client the service already
 * bundles serves and the value never sits in the function's configuration. Local stack:
 * ORIGIN_VERIFY holds the value the local gateway sends. Neither: no guard.
 */
export const originSecretFromEnv: OriginSecretLoader = async () => {
  const name = process.env[ENV.originSecretName];
  if (name) {
    const ssm = new SSMClient({ requestHandler: boundedRequestHandler(5_000) });
    const out = await ssm.send(new GetParameterCommand({ Name: `/aws/reference/secretsmanager/${name}`, WithDecryption: true }));
    const value = out.Parameter?.Value;
    if (!value) throw new Error(`The origin secret ${name} has no value`);
    return value;
  }
  return process.env[ENV.originVerify] || undefined;
};

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Refuses with 403 a request without the right origin header. The secret is read once per
 * container (a failed read is retried on the next request), and the header is removed from the
 * event once checked, so that it reaches no log.
 */
export function originGuard(load: OriginSecretLoader = originSecretFromEnv): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  let expected: Promise<string | undefined> | undefined;
  return {
    before: async ({ event }) => {
      expected ??= load().catch((error: unknown) => {
        expected = undefined;
        throw error;
      });
      const want = await expected;
      if (want === undefined) return;
      const headers = event.headers ?? {};
      const got = headers[ORIGIN_HEADER];
      delete headers[ORIGIN_HEADER];
      // Compared as digests: equal lengths for timingSafeEqual, and no timing hint of the value.
      if (got === undefined || !timingSafeEqual(digest(got), digest(want))) {
        throw new ForbiddenError('Yêu cầu phải đi qua địa chỉ chính thức của dịch vụ; không được gọi thẳng điểm cuối API Gateway.');
      }
    },
  };
}
