import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevIdentity } from '#shared/signing/dev/dev-pki';

/**
 * A PKCS#12 of a dev PKI identity (key + certificate + issuing CA) for @signpdf's P12Signer,
 * made with openssl. node-forge reads only the legacy PBE-SHA1-3DES / SHA-1 MAC encodings.
 */
export function p12Of(identity: DevIdentity): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'bansao-bench-p12-'));
  try {
    writeFileSync(join(dir, 'key.pem'), identity.keyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'chain.pem'), identity.chainPem);
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', join(dir, 'key.pem'), '-in', join(dir, 'chain.pem'),
      '-out', join(dir, 'id.p12'), '-passout', 'pass:', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
    return readFileSync(join(dir, 'id.p12'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
