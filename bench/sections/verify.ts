/**
 * verify_1mb_per_s: full verifications per second of a ~1 MB issued copy at level B-LTA (the
 * certified copy of the 2-page scan: both signatures with their time-stamps, the DSS and the
 * document time-stamp), in process, sequentially: verifyPdf's every check (structure, byte ranges,
 * revisions, both CMS, the three tokens, chains to the dev root, revocation from the DSS) plus the registry
 * lookup through an IN-MEMORY registry port (a Map; no DynamoDB round trip, no verification log).
 */
import { createHash } from 'node:crypto';
import { trustListFromPem, verifyPdf, type RegistryPort, type RegistryRecord } from '#shared/verification/index';
import { AGENCY, benchPki, certifyCopy, jpegOriginals } from '../lib/certify';
import { loadFixtures } from '../lib/fixtures';
import { round, throughput } from '../lib/stats';

export async function run() {
  const fixtures = loadFixtures();
  const pki = await benchPki(fixtures.dir);
  const issued = await certifyCopy(pki, jpegOriginals(fixtures.twoPageJpegs));
  const records = new Map<string, RegistryRecord>([[issued.verifyCode, {
    verifyCode: issued.verifyCode,
    kind: 'certify-copy',
    issuer: AGENCY.name,
    issuedAt: issued.issuedAt.toISOString(),
    number: issued.number,
    book: issued.book,
    pages: issued.pages,
    sha256: createHash('sha256').update(issued.pdf).digest('hex'),
    status: 'valid',
  }]]);
  const registry: RegistryPort = { byVerifyCode: async (code) => records.get(code) };
  const trust = trustListFromPem(pki.pki.rootCertPem);
  const verify = () => verifyPdf(issued.pdf, { trust, registry, now: new Date() });

  const report = await verify();
  if (report.verdict !== 'authentic') {
    const failed = report.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`);
    throw new Error(`the issued copy does not verify as authentic (${report.verdict}): ${failed.join('; ')}`);
  }
  if (report.level !== 'B-LTA') throw new Error(`the issued copy is at level ${report.level}, not B-LTA: the figure would not be the one #19 asks for`);
  for (let i = 0; i < 30; i++) await verify();
  const cpuStart = process.cpuUsage();
  const { perSecond, count } = await throughput(verify, Number(process.env.BENCH_VERIFY_MS ?? 4000), 'verify');
  const cpu = process.cpuUsage(cpuStart);
  return {
    verify_1mb_per_s: round(perSecond, 0),
    verify_1mb_ms_each: round(1000 / perSecond, 2),
    verify_1mb_cpu_ms_each: round((cpu.user + cpu.system) / 1000 / count, 2),
    verify_1mb_count: count,
    verify_1mb_file_kb: round(issued.pdf.length / 1024, 0),
    verify_registry: 'in-memory Map (RegistryPort)',
  };
}
