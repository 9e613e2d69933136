import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BadRequestError, PayloadTooLargeError } from '../../../shared/domain/errors';
import { jsonBody } from '../../../shared/http/json-body';

/**
 * The bounds on a JSON body, counted rather than timed: an oversized or too deeply nested body is
 * refused before JSON.parse runs at all (the hostile-body tests through the API check the status
 * and that nothing stored changes).
 */
const MAX_BYTES = 1024;

async function run(body: string): Promise<{ error?: unknown; parsed?: unknown; parses: number }> {
  const parse = vi.spyOn(JSON, 'parse');
  const event = { headers: { 'content-type': 'application/json' }, body, isBase64Encoded: false } as unknown as APIGatewayProxyEventV2;
  try {
    await jsonBody({ maxBytes: MAX_BYTES }).before!({ event } as never);
    return { parsed: event.body, parses: parse.mock.calls.length };
  } catch (error) {
    return { error, parses: parse.mock.calls.length };
  } finally {
    parse.mockRestore();
  }
}

describe('Middleware: jsonBody', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses an ordinary body once', async () => {
    const outcome = await run('{"fileName":"a.pdf","size":1}');
    expect(outcome.parsed).toEqual({ fileName: 'a.pdf', size: 1 });
    expect(outcome.parses).toBe(1);
  });

  it('refuses a body over the byte limit with 413, without parsing it', async () => {
    const outcome = await run(`{"x":"${'a'.repeat(MAX_BYTES)}"}`);
    expect(outcome.error).toBeInstanceOf(PayloadTooLargeError);
    expect((outcome.error as PayloadTooLargeError).status).toBe(413);
    expect(outcome.parses).toBe(0);
  });

  it('counts bytes, not characters (a multi-byte body just under the length is still refused)', async () => {
    const outcome = await run(`{"x":"${'ệ'.repeat(MAX_BYTES / 3)}"}`);
    expect(outcome.error).toBeInstanceOf(PayloadTooLargeError);
    expect(outcome.parses).toBe(0);
  });

  it('refuses nesting deeper than 32 levels with 400, without parsing it', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const accepted = await run(deep(32));
    const refused = await run(deep(33));
    expect(accepted.parses).toBe(1);
    expect(refused.error).toBeInstanceOf(BadRequestError);
    expect((refused.error as BadRequestError).status).toBe(400);
    expect(refused.parses).toBe(0);
  });

  it('does not count brackets inside strings as nesting', async () => {
    const outcome = await run(`{"x":"${'['.repeat(100)}"}`);
    expect(outcome.parsed).toEqual({ x: '['.repeat(100) });
  });
});
