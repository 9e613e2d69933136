import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevPki, type DevPki } from '../../../../shared/signing/dev/dev-pki';

export const OFFICIAL = { id: 'dev-official', fullName: 'Trần Thị Bình', agencyName: 'UBND phường Ba Đình' };
export const AGENCY = { id: 'ubnd-phuong-ba-dinh', name: 'UBND phường Ba Đình' };

export interface TestPki {
  dir: string;
  pkiDir: string;
  pki: DevPki;
  cleanup(): void;
}

/** A throw-away dev PKI with one official and one agency, in its own temp directory. */
export async function createTestPki(): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'signing-test-'));
  const pkiDir = join(dir, 'pki');
  const pki = await ensureDevPki(pkiDir, { officials: [OFFICIAL], agencies: [AGENCY] });
  return { dir, pkiDir, pki, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
