import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../shared/runtime/config';

describe('The README', () => {
  it('documents every environment variable the service reads (shared/runtime/config.ts)', () => {
    const readme = readFileSync('README.md', 'utf8');
    const missing = Object.values(ENV).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('gives the two-command quick start', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
