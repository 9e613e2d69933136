import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module a file imports, transitively: relative ones by path, packages by name. */
function importsOf(entry: string, seen = new Set<string>(), packages = new Set<string>()) {
  if (seen.has(entry)) return { seen, packages };
  seen.add(entry);
  for (const [, spec] of readFileSync(entry, 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)) {
    if (spec.startsWith('.')) importsOf(`${normalize(join(dirname(entry), spec))}.ts`, seen, packages);
    else packages.add(spec);
  }
  return { seen, packages };
}

describe('The route contracts (shared/contracts/)', () => {
  const modules = readdirSync('shared/contracts').map((f) => join('shared/contracts', f));

  it('import nothing but zod and the pure domain, so that the browser may import them', () => {
    const files = new Set(modules.flatMap((m) => [...importsOf(m).seen]));
    for (const file of files) expect(file, file).toMatch(/^shared\/(contracts|domain)\//);
    const packages = new Set(modules.flatMap((m) => [...importsOf(m).packages]));
    expect([...packages]).toEqual(['zod']);
  });

  it('give the page its constants without zod', () => {
    expect([...importsOf('shared/contracts/refusal-codes.ts').packages]).toEqual([]);
  });
});
