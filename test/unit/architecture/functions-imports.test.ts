import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A handler is deployed as a Lambda bundle: it may import shared/ and packages, never infra/
 * (the CDK app and the local stack) — what is local-only reaches a handler through shared/,
 * handed in by the local stack.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of source.matchAll(/\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) found.push(m[1]);
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(m[1]);
  return found;
}

function importsOfInfra(file: string): string[] {
  return specifiers(readFileSync(file, 'utf8')).filter((s) => {
    if (!s.startsWith('.')) return false;
    const target = relative(root, resolve(dirname(file), s));
    return target === 'infra' || target.startsWith('infra/');
  });
}

describe('Architecture: functions/', () => {
  const files = tsFiles(join(root, 'functions'));

  it('finds the handlers', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports nothing from infra/', () => {
    const offenders = files.flatMap((f) => importsOfInfra(f).map((s) => `${relative(root, f)} → ${s}`));
    expect(offenders).toEqual([]);
  });

  it('would notice an import of infra/ (the scanner is not blind)', () => {
    const probe = "import { claimsOf } from '../../infra/local/seed-data';\nconst m = await import('../../infra/local/dev-auth');";
    expect(specifiers(probe)).toEqual(['../../infra/local/seed-data', '../../infra/local/dev-auth']);
  });
});
