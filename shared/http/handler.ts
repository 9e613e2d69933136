import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { limits } from '../config';
import { ForbiddenError, NotFoundError, UnauthorizedError, isDomainError } from '../domain/errors';
import type { Principal } from '../domain/roles';
import { roleAllowed } from '../domain/roles';
import { routeOf, type RouteDef } from '../routes';
import { optionalPrincipal, principalOf } from './claims';
import { jsonBody } from './json-body';
import { idempotency } from './idempotency';
import { logger } from './logger';
import { problemOf, problemResponse, titleForStatus } from './problem';

export interface HandlerContext<B> {
  event: APIGatewayProxyEventV2;
  /** The parsed JSON body when the handler asked for one, else undefined. */
  body: B;
  /** The verified caller; undefined only on public routes called without a token. */
  principal: Principal | undefined;
  route: RouteDef;
  lambda: Context;
}

export interface HandlerOptions {
  /** `json`: the body must be JSON; `optional-json`: JSON if present; `none` (default): untouched. */
  body?: 'json' | 'optional-json' | 'none';
}

type Impl<B> = (ctx: HandlerContext<B>) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The one middy stack of every function: header normalisation, security headers, the
 * Powertools logger with the request id, problem+json errors, role check from the route table,
 * and JSON body parsing. `fn` is the function's folder name; its route's `access` is enforced here.
 */
export function httpHandler<B = unknown>(fn: string, impl: Impl<B>, options: HandlerOptions = {}) {
  const route = routeOf(fn);
  const stack = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpHeaderNormalizer())
    .use(httpSecurityHeaders())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemErrors())
    .use(authorize(route));
  if (options.body === 'json' || options.body === 'optional-json') {
    stack.use(jsonBody({ maxBytes: limits().maxBodyBytes, optional: options.body === 'optional-json' }));
  }
  // After body parsing, so that the stored payload hash is of the parsed body.
  if (route.idempotent) stack.use(idempotency(fn));
  return stack.handler(async (event, lambda) =>
    impl({ event, body: event.body as B, principal: principalOf(event) ?? (route.access === 'public' ? await optionalPrincipal(event) : undefined), route, lambda }),
  );
}

/** 401 without a verified caller, 403 with the wrong role — from the route's `access`. */
function authorize(route: RouteDef): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: async ({ event }) => {
      if (route.access === 'public') return;
      const principal = principalOf(event);
      if (!principal) throw new UnauthorizedError();
      if (!roleAllowed(route.access, principal)) {
        throw new ForbiddenError(`Vai trò "${principal.role}" không được phép gọi ${route.method} ${route.path}.`);
      }
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
        request.response = problemResponse(problemOf(error, instance));
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

/** A path parameter; API Gateway guarantees presence for the route, but a bound keeps it sane. */
export function pathParam(event: APIGatewayProxyEventV2, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value || value.length > 200) throw new NotFoundError(`Tham số đường dẫn "${name}" không hợp lệ.`);
  return value;
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
