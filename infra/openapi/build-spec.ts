import type * as z from 'zod';
import { scopeName } from '../../shared/domain/machine-client';
import type { ErrorStatus, RouteContract } from '../../shared/contracts/contract';
import { ROUTES, routeKey, type RouteDef, type RouteFn } from '../../shared/contracts/routes';
import { COMPONENTS, INFO, SERVERS, TAGS, problemResponse } from './document-frame';
import { componentId, componentSchemas, schemaOf } from './json-schema';
import { OPERATIONS, type OperationDoc } from './operations';

type Json = Record<string, unknown>;

/** The shared response each error status points to unless the operation says otherwise. */
const ERROR_RESPONSES: Record<ErrorStatus, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Gone',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'ValidationFailed',
  429: 'TooManyRequests',
  503: 'ServiceUnavailable',
};

/** The OpenAPI 3.1 document of the route table: paths from ROUTES, shapes from their contracts. */
export function buildSpec(routes: readonly RouteDef[] = ROUTES): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const doc = OPERATIONS[route.fn as RouteFn];
    if (!doc) throw new Error(`infra/openapi/operations.ts has no entry for ${routeKey(route)}`);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, doc);
  }
  const inputIds = new Set(routes.map((r) => r.contract.body?.json).flatMap((s) => (s && componentId(s) ? [componentId(s)!] : [])));
  return { openapi: '3.1.0', info: INFO, servers: SERVERS, tags: TAGS, paths, webhooks: WEBHOOKS, components: { ...COMPONENTS, schemas: componentSchemas(inputIds) } };
}

/** What the service POSTs to a subscription (OpenAPI 3.1 `webhooks`; docs/webhooks.md). */
const WEBHOOKS: Json = {
  'document.revoked': {
    post: {
      operationId: 'documentRevoked',
      tags: ['webhooks'],
      summary: 'A copy that your agency verified was revoked',
      description: `Sent to every subscription of every agency in the copy's verification log, signed with the
Standard Webhooks scheme: check \`webhook-signature\` over \`{webhook-id}.{webhook-timestamp}.{raw body}\` with the
subscription's secret (docs/webhooks.md has a Node recipe and an openssl one-liner) and refuse a timestamp more than
5 minutes off. Answer 2xx within 5 s; anything else is retried (30 s, 1 min, 2 min, … up to 24 h after the event),
then the delivery is parked as dead (\`GET /api/subscriptions/{id}/deliveries?status=dead\`). De-duplicate on \`webhook-id\`.`,
      parameters: [
        { name: 'webhook-id', in: 'header', required: true, schema: { type: 'string' }, description: 'The event id (the same on every attempt).' },
        { name: 'webhook-timestamp', in: 'header', required: true, schema: { type: 'string', pattern: '^\\d+$' }, description: 'The attempt time, Unix seconds.' },
        { name: 'webhook-signature', in: 'header', required: true, schema: { type: 'string' }, description: '`v1,` + base64 HMAC-SHA256 (space-separated if several).' },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RevocationEvent' } } } },
      responses: { '2XX': { description: 'Received: the delivery is recorded as delivered and never sent again.' }, default: { description: 'Not received: retried on the backoff.' } },
    },
  },
};

function operation(route: RouteDef, doc: OperationDoc): Json {
  const { contract } = route;
  const parameters = [...parametersOf(contract.params, 'path'), ...parametersOf(contract.query, 'query'), ...(route.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : [])];
  return {
    operationId: doc.operationId,
    tags: doc.tags,
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    security: route.access === 'public' ? [] : [{ bearerAuth: [] }, ...(route.scopes ? [{ clientCredentials: route.scopes.map(scopeName) }] : [])],
    ...(route.access === 'public' ? {} : { 'x-roles': [...route.access] }),
    ...(route.localOnly ? { 'x-local-only': true } : {}),
    ...(route.rateLimitPerMinute ? { 'x-rate-limit-per-minute': route.rateLimitPerMinute } : {}),
    ...(route.throttle ? { 'x-throttle': route.throttle } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(contract.body ? { requestBody: requestBody(contract.body, doc) } : {}),
    responses: { ...successResponses(contract, doc), ...errorResponses(contract, doc) },
  };
}

/** One parameter per member of a params / query object schema; its description moves up to the parameter. */
function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, member]) => {
    const { description, ...json } = schemaOf(member, 'input');
    return {
      name,
      in: where,
      ...(where === 'path' || !member.safeParse(undefined).success ? { required: true } : {}),
      ...(description ? { description } : {}),
      schema: json,
    };
  });
}

function requestBody(body: NonNullable<RouteContract['body']>, doc: OperationDoc): Json {
  const content: Json = {};
  if (body.raw) {
    content[body.raw.media] = {
      schema: body.raw.media === 'application/pdf' ? { type: 'string', contentMediaType: 'application/pdf' } : { type: 'string' },
      ...(doc.bodyExample ? { example: doc.bodyExample } : {}),
    };
  }
  if (body.json) content['application/json'] = { schema: schemaOf(body.json, 'input') };
  return { required: true, content };
}

function successResponses(contract: RouteContract, doc: OperationDoc): Json {
  return Object.fromEntries(
    Object.entries(contract.responses).map(([status, response]) => {
      const content: Json = {};
      if (response.json) content['application/json'] = { schema: schemaOf(response.json, 'output') };
      for (const media of response.media ?? []) {
        const description = doc.media?.[media];
        content[media] = { schema: { type: 'string', ...(media === 'application/pdf' ? { contentMediaType: media } : {}), ...(description ? { description } : {}) } };
      }
      const headers = Object.entries(doc.headers ?? {}).map(([name, description]) => [name, { schema: { type: 'string' }, description }]);
      return [status, { description: doc.responses[Number(status)] ?? 'Success.', ...(headers.length ? { headers: Object.fromEntries(headers) } : {}), content }];
    }),
  );
}

function errorResponses(contract: RouteContract, doc: OperationDoc): Json {
  return Object.fromEntries(
    contract.errors.map((status) => {
      const own = doc.errors?.[status];
      if (own && 'description' in own) return [String(status), problemResponse(own.description)];
      return [String(status), { $ref: `#/components/responses/${own?.ref ?? ERROR_RESPONSES[status]}` }];
    }),
  );
}
