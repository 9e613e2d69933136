import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const infra = fileURLToPath(new URL('../../../infra', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'local' ? [] : files(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('The webhook loopback exception (docs/webhooks.md "SSRF policy")', () => {
  it('is configured by the local stack only: nothing deployed from infra/ names it or the local time scale', () => {
    // Act
    const naming = files(infra).filter((f) => /webhookLoopback|WEBHOOK_LOOPBACK|webhookTimeScale|WEBHOOK_TIME_SCALE/.test(readFileSync(f, 'utf8')));
    // Assess: and the local stack does set it, so the scan is not blind.
    expect(naming).toEqual([]);
    expect(readFileSync(join(infra, 'local', 'stack.ts'), 'utf8')).toContain('[ENV.webhookLoopback]');
  });
});
