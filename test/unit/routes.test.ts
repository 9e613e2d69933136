import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES, deployedRoutes, routeKey } from '../../shared/contracts/routes';

describe('The route table', () => {
  it('has one handler file per route', () => {
    for (const r of ROUTES) expect(existsSync(join('functions', r.fn, 'handler.ts')), r.fn).toBe(true);
  });

  it('has no route twice and no function serving two routes', () => {
    expect(new Set(ROUTES.map(routeKey)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((r) => r.fn)).size).toBe(ROUTES.length);
  });

  it('never deploys the dev login', () => {
    expect(deployedRoutes().some((r) => r.path.startsWith('/api/dev/'))).toBe(false);
    expect(ROUTES.filter((r) => r.path.startsWith('/api/dev/')).every((r) => r.localOnly)).toBe(true);
  });
});
