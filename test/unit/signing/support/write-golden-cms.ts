/**
 * Records the golden CMS fixtures: `npx tsx test/unit/signing/support/write-golden-cms.ts`.
 * Run it only when the CMS is meant to change (a new attribute, another algorithm), and say
 * why in the commit: cms-golden.test.ts exists to catch every change nobody meant to make.
 */
import { mkdirSync } from 'node:fs';
import { issueDevCertificate } from '../../../../shared/signing/dev/dev-pki';
import { GOLDEN_DIR, writeGoldenFixtures } from './golden-cms';
import { OFFICIAL, createTestPki } from './test-pki';

mkdirSync(GOLDEN_DIR, { recursive: true });
const env = await createTestPki();
try {
  await writeGoldenFixtures(async (kind) => {
    const identity = kind === 'rsa'
      ? env.pki.officials[OFFICIAL.id]
      : await issueDevCertificate(env.pkiDir, { kind: 'personal', commonName: 'Lê Văn Cường', organization: OFFICIAL.agencyName }, 'ECDSA-P256');
    return { keyPem: identity.keyPem, chainPem: identity.chainPem };
  });
} finally {
  env.cleanup();
}
console.log(`golden CMS written to ${GOLDEN_DIR}`);
