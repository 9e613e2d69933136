import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../../../infra/functions';
import { deployedRoutes } from '../../../shared/contracts/routes';
import { NUMBER_LEASE_MS } from '../../../shared/use-cases/issue-document';

describe('Constant: NUMBER_LEASE_MS', () => {
  it('outlasts every function that issues, so that a live issuance never loses its number', () => {
    // Prepare: the functions that put documents in the issued bucket (the numbered copies among them),
    // with the timeout the stack gives them.
    const issuing = deployedRoutes().filter((r) => r.touches.issued === 'write');
    const timeouts = issuing.map((r) => Math.min(r.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS) * 1000);

    // Assess
    expect(issuing.map((r) => r.fn)).toEqual(expect.arrayContaining(['requests-certify', 'requests-issue']));
    for (const timeout of timeouts) expect(NUMBER_LEASE_MS).toBeGreaterThan(timeout);
    expect(NUMBER_LEASE_MS).toBeGreaterThan(MAX_TIMEOUT_SECONDS * 1000);
  });
});
