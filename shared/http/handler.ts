import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { limits } from '../runtime/config';
import type { BodyOf, ParamsOf, QueryOf } from '../contracts/contract';
import { ForbiddenError, UnauthorizedError, isDomainError } from '../domain/errors';
import type { Caller, Principal } from '../domain/roles';
import { roleAllowed } from '../domain/roles';
import { answersNoStore, routeOf, type ContractOf, type RouteDef, type RouteFn } from '../contracts/routes';
import { optionalPrincipal, principalOf } from './claims';
import { admitsClients, clientPrincipal } from './client-auth';
import { scopesAllowed } from '../domain/machine-client';
import { checkedInput, contractCheck } from './contract-check';
import { idempotency } from './idempotency';
import { logger } from './logger';
import { originGuard } from './origin-guard';
import { problemOf, problemResponse, titleForStatus } from './problem';
import { requestBody } from './request-body';
import { noStore } from './responses';

/** What a handler gets: the request already held to its route's contract. */
export interface HandlerContext<F extends RouteFn> {
  event: APIGatewayProxyEventV2;
  params: ParamsOf<ContractOf<F>>;
  query: QueryOf<ContractOf<F>>;
  /** The validated JSON body, or the raw bytes of a PDF / CSV body. */
  body: BodyOf<ContractOf<F>>;
  /** The verified person calling; undefined on public routes called without a token, and when `caller` is a machine client. */
  principal: Principal | undefined;
  /** The verified caller, a machine client included (routes with 'client' in `access`). */
  caller: Caller | undefined;
  route: RouteDef;
  lambda: Context;
}

type Impl<F extends RouteFn> = (ctx: HandlerContext<F>) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The one middy stack of every function: header normalisation, security headers, the
 * Powertools logger with the request id, problem+json errors, role check from the route table,
 * body reading, idempotency, and the route's contract on the way in and out. `fn` is the
 * function's folder name; its route's `access` and `contract` are enforced here.
 */
export function httpHandler<F extends RouteFn>(fn: F, impl: Impl<F>) {
  const route = routeOf(fn);
  const stack = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpHeaderNormalizer())
    .use(httpSecurityHeaders())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemErrors())
    .use(originGuard())
    .use(authorize(route));
  const body = route.contract.body;
  const reader = body && requestBody(body, limits().maxBodyBytes);
  // The idempotency record hashes `event.body`: a JSON body once parsed (so that formatting does
  // not count), a raw one as sent (not its bytes as a JSON array). It runs before the contract,
  // so that a replay answers the first response even if the contract has changed since.
  if (reader && body.json) stack.use(reader);
  if (route.idempotent) stack.use(idempotency(fn));
  if (reader && !body.json) stack.use(reader);
  stack.use(contractCheck(route.contract, fn));
  const handler = stack.handler(async (event, lambda) => {
    const input = checkedInput(event) as Pick<HandlerContext<F>, 'params' | 'query' | 'body'>;
    // On a public route that reads the table a machine client's token makes it the caller (logged
    // under its agency, counted in its item quota); the others may not read the client's record.
    const publicClient = async () => (route.touches.table ? clientPrincipal(event) : undefined);
    const caller = callers.get(event) ?? principalOf(event) ?? (route.access === 'public' ? ((await optionalPrincipal(event)) ?? (await publicClient())) : undefined);
    const principal = caller?.role === 'client' ? undefined : caller;
    return impl({ event, ...input, principal, caller, route, lambda });
  });
  if (!answersNoStore(route)) return handler;
  // Outside middy, not an `after` phase: an idempotent replay answers early and skips `after`,
  // and a 401/403/404 of a private route says as much about the caller as a 200.
  return async (event: APIGatewayProxyEventV2, lambda: Context): Promise<APIGatewayProxyStructuredResultV2> => noStore(await handler(event, lambda));
}

/** Callers found by `authorize` on routes that verify their own tokens (machine clients). */
const callers = new WeakMap<APIGatewayProxyEventV2, Caller>();

/**
 * The caller of a route that admits machine clients: no API Gateway authorizer ran (infra/api.ts),
 * so a person's ID token is verified here as on public routes, else the bearer token must be a
 * registered, active client's access token.
 */
async function callerOfClientRoute(event: APIGatewayProxyEventV2): Promise<Caller | undefined> {
  return principalOf(event) ?? (await optionalPrincipal(event)) ?? (await clientPrincipal(event));
}

/** 401 without a verified caller, 403 with the wrong role or a missing scope — from the route's `access` and `scopes`. */
function authorize(route: RouteDef): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: async ({ event }) => {
      if (route.access === 'public') return;
      const principal = admitsClients(route.access) ? await callerOfClientRoute(event) : principalOf(event);
      if (!principal) throw new UnauthorizedError();
      if (!roleAllowed(route.access, principal)) {
        throw new ForbiddenError(`Vai trò "${principal.role}" không được phép gọi ${route.method} ${route.path}.`);
      }
      if (!scopesAllowed(route.scopes, principal)) {
        throw new ForbiddenError(`Mã thông báo của hệ thống này không có phạm vi (scope) ${route.scopes!.join(', ')} cần cho ${route.method} ${route.path}.`);
      }
      callers.set(event, principal);
    },
  };
}

/** Turns any error into RFC 9457 problem+json; only domain errors show their details. */
function problemErrors(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      const instance = request.event?.rawPath;
      if (isDomainError(error)) {
        if (error.status >= 500) logger.error('domain error', { error });
        else logger.info('request refused', { code: error.code, status: error.status });
        request.response = problemResponse(problemOf(error, instance), error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {});
        return;
      }
      const idem = idempotencyProblem(error);
      if (idem) {
        request.response = problemResponse({ type: 'about:blank', title: titleForStatus(idem.status), status: idem.status, detail: idem.detail, code: idem.code, ...(instance ? { instance } : {}) });
        return;
      }
      // Errors raised by middy middlewares carry an HTTP status and an English message.
      const status = (error as { statusCode?: number } | undefined)?.statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        request.response = problemResponse({
          type: 'about:blank',
          title: titleForStatus(status),
          status,
          detail: titleForStatus(status),
          code: `http-${status}`,
          ...(instance ? { instance } : {}),
        });
        return;
      }
      logger.error('unhandled error', { error });
      request.response = problemResponse(problemOf(error, instance));
    },
  };
}

/** Powertools idempotency errors the caller can act on, in Vietnamese. */
function idempotencyProblem(error: unknown): { status: number; code: string; detail: string } | undefined {
  switch ((error as { name?: string } | undefined)?.name) {
    case 'IdempotencyValidationError':
      return { status: 422, code: 'idempotency-key-reused', detail: 'Khóa Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác.' };
    case 'IdempotencyAlreadyInProgressError':
      return { status: 409, code: 'idempotency-in-progress', detail: 'Yêu cầu với khóa Idempotency-Key này đang được xử lý; vui lòng thử lại sau giây lát.' };
    default:
      return undefined;
  }
}
