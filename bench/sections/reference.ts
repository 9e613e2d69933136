/**
 * The physical reference of this machine, through node:crypto: SHA-256 throughput and RSA-2048 /
 * ECDSA-P256 signatures per second. Every figure of the table can be read against these: e.g. a
 * 1 MB two-signature verification hashes ~3 MB and checks ~6 RSA signatures at minimum.
 */
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { round, throughput } from '../lib/stats';

export async function run() {
  const buf = Buffer.alloc(64 * 1024 * 1024, 0x5a);
  createHash('sha256').update(buf).digest();
  const hash = await throughput(() => createHash('sha256').update(buf).digest(), 1500);
  const message = Buffer.from('a 32-byte-ish message to be signed');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const rsaSig = sign('sha256', message, rsa.privateKey);
  const rsaSign = await throughput(() => sign('sha256', message, rsa.privateKey), 1000);
  const rsaVerify = await throughput(() => verify('sha256', message, rsa.publicKey, rsaSig), 500);
  const ecSign = await throughput(() => sign('sha256', message, ec.privateKey), 1000);
  return {
    ref_sha256_mb_s: round((hash.perSecond * buf.length) / 1e6, 0),
    ref_rsa2048_sign_per_s: round(rsaSign.perSecond, 0),
    ref_rsa2048_verify_per_s: round(rsaVerify.perSecond, 0),
    ref_ecdsa_p256_sign_per_s: round(ecSign.perSecond, 0),
  };
}
