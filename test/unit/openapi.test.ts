import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openapiYaml } from '../../infra/openapi/openapi-yaml';
import { ROUTES, routeKey, type RouteDef } from '../../shared/contracts/routes';

/**
 * openapi.yaml is generated from the route table (shared/contracts/routes.ts) and its contracts
 * (shared/contracts/): the committed file must be the generator's output, and that output must
 * describe the table exactly — same `METHOD path` pairs, the roles of each route, its
 * Idempotency-Key support, its rate limit and throttle, its local-only marker — so the published
 * contract cannot silently drift from the code.
 */
type Json = Record<string, any>;

const spec = parse(readFileSync('openapi.yaml', 'utf8')) as Json;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** Follows a local `$ref` (`#/components/...`); throws on a dangling one. */
function deref(node: unknown): Json {
  let value = node as Json;
  for (let hops = 0; value && typeof value === 'object' && typeof value.$ref === 'string'; hops++) {
    if (hops > 10) throw new Error(`$ref loop at ${value.$ref}`);
    const ref = value.$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`non-local $ref ${ref}`);
    value = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<Json | undefined>((at, key) => at?.[key], spec) as Json;
    if (value === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return value;
}

const operations = Object.entries(spec.paths as Json).flatMap(([path, item]) =>
  METHODS.filter((m) => (item as Json)[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, path, item: item as Json, op: (item as Json)[m] as Json })),
);

const operationOf = (route: RouteDef): Json => {
  const found = operations.find((o) => o.key === routeKey(route));
  if (!found) throw new Error(`openapi.yaml lacks ${routeKey(route)}`);
  return found.op;
};

/** Path-level and operation-level parameters, resolved (operation ones override). */
const parametersOf = (route: RouteDef): Json[] => {
  const found = operations.find((o) => o.key === routeKey(route))!;
  return [...(found.item.parameters ?? []), ...(found.op.parameters ?? [])].map(deref);
};

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('openapi.yaml', () => {
  it('is what `npm run openapi` writes from the route table and its contracts', () => {
    expect(readFileSync('openapi.yaml', 'utf8'), 'openapi.yaml is stale: run `npm run openapi` and commit it').toBe(openapiYaml());
  });

  it('is OpenAPI 3.1', () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('documents exactly the routes of the route table, dev login included', () => {
    expect(sorted(operations.map((o) => o.key))).toEqual(sorted(ROUTES.map(routeKey)));
  });

  it.each(ROUTES.map((r) => [routeKey(r), r] as const))('%s: security and x-roles match the route access', (_key, route) => {
    const op = operationOf(route);
    if (route.access === 'public') {
      expect(op.security).toEqual([]);
      expect(op['x-roles']).toBeUndefined();
    } else {
      // Routes that admit machine clients also name the client-credentials scheme with their scopes.
      expect(op.security).toEqual([{ bearerAuth: [] }, ...(route.scopes ? [{ clientCredentials: route.scopes.map((s) => `bansao/${s}`) }] : [])]);
      expect(sorted(op['x-roles'] ?? [])).toEqual(sorted(route.access));
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it.each(ROUTES.map((r) => [routeKey(r), r] as const))('%s: Idempotency-Key header iff idempotent', (_key, route) => {
    const header = parametersOf(route).find((p) => p.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key');
    expect(Boolean(header), 'Idempotency-Key header parameter').toBe(route.idempotent === true);
    if (header) expect(header.required ?? false).toBe(false);
  });

  it.each(ROUTES.map((r) => [routeKey(r), r] as const))('%s: local-only marker and rate limit match the table', (_key, route) => {
    const op = operationOf(route);
    expect(op['x-local-only'] === true).toBe(route.localOnly === true);
    expect(op['x-rate-limit-per-minute']).toBe(route.rateLimitPerMinute);
    expect(op['x-throttle']).toEqual(route.throttle);
    const tooMany = op.responses['429'] ? deref(op.responses['429']) : undefined;
    expect(Boolean(tooMany)).toBe(route.rateLimitPerMinute !== undefined);
    if (tooMany) expect(Object.keys(tooMany.headers ?? {})).toContain('Retry-After');
  });

  it.each(ROUTES.map((r) => [routeKey(r), r] as const))('%s: path parameters are the ones in the path', (_key, route) => {
    const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const declared = parametersOf(route).filter((p) => p.in === 'path');
    expect(sorted(declared.map((p) => p.name))).toEqual(sorted(inPath));
    for (const p of declared) expect(p.required).toBe(true);
  });

  it('answers every error as a problem+json document and every success with a body', () => {
    for (const { key, op } of operations) {
      for (const [status, raw] of Object.entries(op.responses as Json)) {
        const response = deref(raw);
        expect(response.description, `${key} ${status} description`).toBeTruthy();
        if (/^[45]\d\d$/.test(status)) expect(Object.keys(response.content ?? {}), `${key} ${status}`).toContain('application/problem+json');
        else expect(Object.keys(response.content ?? {}).length, `${key} ${status} content`).toBeGreaterThan(0);
      }
    }
  });

  it('has no dangling $ref', () => {
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if (typeof (node as Json).$ref === 'string') deref(node);
        Object.values(node).forEach(walk);
      }
    };
    expect(() => walk(spec)).not.toThrow();
  });

  it.each(ROUTES.map((r) => [routeKey(r), r] as const))('%s: a request body and a problem+json answer for each error the contract declares', (_key, route) => {
    const op = operationOf(route);
    expect(Boolean(op.requestBody)).toBe(route.contract.body !== undefined);
    const errors = Object.keys(op.responses).filter((s) => /^[45]\d\d$/.test(s));
    expect(errors.map(Number).sort()).toEqual([...route.contract.errors].sort());
    expect(Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s))).toEqual(Object.keys(route.contract.responses));
  });

  it('names the components the contract promises', () => {
    for (const name of ['Problem', 'Request', 'Original', 'Document', 'VerificationReport', 'Register', 'RegisterEntry', 'ReportSummary', 'Notification', 'Share', 'Revocation']) {
      expect(spec.components.schemas[name], name).toBeDefined();
    }
    expect(spec.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
  });
});
