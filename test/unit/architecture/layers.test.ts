import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layer boundaries of docs/architecture.md ("Import directions"), checked on the import
 * statements of every source file: a rule broken here is a dependency that lets two layers grow
 * into one again, or lets local-only code reach a Lambda bundle.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

interface Import {
  /** Repository-relative path of the importing file. */
  file: string;
  specifier: string;
  /** Repository-relative path (without extension) for a relative import, the package name otherwise. */
  target: string;
  typeOnly: boolean;
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist') return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Static imports and re-exports (type-only marked), side-effect imports and dynamic imports. */
export function specifiers(source: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const m of source.matchAll(/\b(import|export)(\s+type)?\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) found.push({ specifier: m[3], typeOnly: Boolean(m[2]) });
  for (const m of source.matchAll(/\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) found.push({ specifier: m[1], typeOnly: false });
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: m[1], typeOnly: false });
  return found;
}

function importsOf(file: string): Import[] {
  return specifiers(readFileSync(join(root, file), 'utf8')).map(({ specifier, typeOnly }) => ({
    file,
    specifier,
    target: specifier.startsWith('.') ? relative(root, resolve(root, dirname(file), specifier)) : specifier,
    typeOnly,
  }));
}

const ALL = ['shared', 'functions', 'infra', 'web/src', 'bench', 'test'].flatMap(tsFiles).flatMap(importsOf);
const from = (prefix: string) => ALL.filter((i) => i.file.startsWith(prefix));
const inside = (target: string, layer: string) => target === layer || target.startsWith(`${layer}/`);
const into = (imports: Import[], layer: string) => imports.filter((i) => inside(i.target, layer));
const show = (imports: Import[]) => imports.map((i) => `${i.file} → ${i.specifier}`);

describe('Layer boundaries', () => {
  it('would notice each kind of import (the scanner is not blind)', () => {
    const probe = "import { a } from '../x';\nimport type { B } from '../y';\nexport { c } from './z';\nimport 'side-effect';\nconst m = await import('../../infra/local/dev-auth');";
    expect(specifiers(probe)).toEqual([
      { specifier: '../x', typeOnly: false },
      { specifier: '../y', typeOnly: true },
      { specifier: './z', typeOnly: false },
      { specifier: '../../infra/local/dev-auth', typeOnly: false },
      { specifier: 'side-effect', typeOnly: false },
    ]);
    expect(from('shared/').length).toBeGreaterThan(300);
    expect(into(from('shared/use-cases/'), 'shared/domain').length).toBeGreaterThan(10);
  });

  it('keeps the PDF syntax and ASN.1 layers at the bottom: they import no other part of shared/', () => {
    for (const layer of ['shared/pdf-syntax', 'shared/asn1']) {
      const upward = from(`${layer}/`).filter((i) => inside(i.target, 'shared') && !inside(i.target, layer));
      expect(show(upward), layer).toEqual([]);
    }
  });

  it('keeps signing and verification apart: neither imports the other', () => {
    expect(show(into(from('shared/verification/'), 'shared/signing'))).toEqual([]);
    expect(show(into(from('shared/signing/'), 'shared/verification'))).toEqual([]);
  });

  it('lets the service into shared/signing only through its door, and the dev PKI only into the local stack', () => {
    const service = ALL.filter((i) => /^(shared|functions|infra)\//.test(i.file) && !i.file.startsWith('shared/signing/'));
    const signing = into(service, 'shared/signing');
    const door = ['shared/signing', 'shared/signing/index'];
    const devDoor = ['shared/signing/dev', 'shared/signing/dev/index'];
    expect(show(signing.filter((i) => !door.includes(i.target) && !devDoor.includes(i.target)))).toEqual([]);
    expect(show(signing.filter((i) => devDoor.includes(i.target) && !i.file.startsWith('infra/local/')))).toEqual([]);
    expect(show(into(from('shared/signing/').filter((i) => !i.file.startsWith('shared/signing/dev/')), 'shared/signing/dev'))).toEqual([]);
  });

  it('keeps the domain plain: no AWS SDK, no pdf-lib, no CDK, no adapters', () => {
    const adapters = ['shared/store', 'shared/http', 'shared/pdf', 'shared/signing', 'shared/verification', 'shared/runtime', 'shared/use-cases', 'shared/notify'];
    const banned = from('shared/domain/').filter((i) => /^(@aws-sdk|aws-cdk-lib|pdf-lib|@middy)/.test(i.target) || adapters.some((layer) => inside(i.target, layer)));
    expect(show(banned)).toEqual([]);
  });

  it('never lets a function or shared/ reach into infra/', () => {
    expect(show(into([...from('functions/'), ...from('shared/')], 'infra'))).toEqual([]);
  });

  it('keeps handlers thin: a function imports only shared/', () => {
    const foreign = from('functions/').filter((i) => i.specifier.startsWith('.') && !inside(i.target, 'shared'));
    expect(show(foreign)).toEqual([]);
  });

  it('lets the web page take from shared/ only types and the pure contracts', () => {
    const web = into(from('web/src/'), 'shared').filter((i) => !i.typeOnly && !inside(i.target, 'shared/contracts'));
    expect(show(web)).toEqual([]);
  });

  it('leaves no loose module at the root of shared/', () => {
    const loose = readdirSync(join(root, 'shared'), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    expect(loose).toEqual([]);
  });
});
