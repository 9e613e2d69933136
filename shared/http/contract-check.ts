import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ENV } from '../runtime/config';
import type { RouteContract } from '../contracts/contract';
import { NotFoundError } from '../domain/errors';
import { logger } from './logger';
import { validate } from './validate';

/** What the handler gets once the request matched its contract. */
export interface CheckedInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

const checked = new WeakMap<APIGatewayProxyEventV2, CheckedInput>();

/** The validated input of an event that went through `contractCheck`. */
export const checkedInput = (event: APIGatewayProxyEventV2): CheckedInput => checked.get(event) ?? { params: undefined, query: undefined, body: undefined };

/**
 * Holds a route to its contract. Before the use case: path parameters (a mismatch is a 404 — a
 * malformed id names nothing), query and JSON body (a 422 naming each field, in Vietnamese).
 *
 * After it: the success response must be one the contract declares. A mismatch is a 500 where
 * CONTRACT_CHECK=enforce — the local stack, so every integration and browser test fails on a
 * drift — and only an error log in AWS: by then the use case has committed (a copy issued, a
 * revocation published), and a 500 would tell the caller it failed and invite a second attempt,
 * which is worse than a field the documentation does not name.
 */
export function contractCheck(contract: RouteContract, fn: string): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    before: async ({ event }) => {
      const params = contract.params?.safeParse(event.pathParameters ?? {});
      if (params && !params.success) {
        const name = String(params.error.issues[0]?.path[0] ?? '');
        throw new NotFoundError(`Tham số đường dẫn "${name}" không hợp lệ.`);
      }
      const query = contract.query ? validate(contract.query, event.queryStringParameters ?? {}, 'Tham số truy vấn') : undefined;
      const body = !contract.body ? undefined : contract.body.json && !((event.body as unknown) instanceof Uint8Array) ? validate(contract.body.json, event.body) : event.body;
      checked.set(event, { params: params?.data, query, body });
    },
    after: async ({ response }) => {
      const mismatch = response ? responseMismatch(contract, response) : 'no response';
      if (!mismatch) return;
      logger.error('response outside the route contract', { fn, status: response?.statusCode, mismatch });
      if (process.env[ENV.contractCheck] === 'enforce') throw new Error(`${fn}: response outside the route contract — ${mismatch}`);
    },
  };
}

/** Why a response is not one the contract declares, or undefined when it is. */
export function responseMismatch(contract: RouteContract, response: APIGatewayProxyStructuredResultV2): string | undefined {
  const status = response.statusCode ?? 200;
  const declared = contract.responses[status];
  if (!declared) return `status ${status} is not declared`;
  const type = String(response.headers?.['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' && declared.json) {
    const result = declared.json.safeParse(JSON.parse(String(response.body)));
    return result.success ? undefined : result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  return declared.media?.includes(type) ? undefined : `content type "${type}" is not declared`;
}
