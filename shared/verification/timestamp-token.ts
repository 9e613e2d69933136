import { createHash as createHashOf } from 'node:crypto';
import { DIGEST_NAMES, OID, readTstInfo, type DigestName } from '../asn1';
import { displayName, evaluateChain, formatTime } from './chain';
import type { CertInfo } from './cert-info';
import { parseCms, verifyCms } from './cms';
import type { TrustList } from './trust-list';
import type { SubIndication } from './types';


/** What one RFC 3161 time-stamp token proves, once every check passed. */
export interface TimeStampResult {
  ok: boolean;
  /** Vietnamese: what was proven, or why not. */
  detail: string;
  /** TSTInfo.genTime (epoch ms), when the token could be read. */
  genTime?: number;
  tsa?: CertInfo;
  /** The TSA's chain as built, for the revocation check. */
  path?: CertInfo[];
  /** Why it failed, as an ETSI sub-indication: integrity ones make the file tampered, trust ones untrusted. */
  failure?: SubIndication;
}

/**
 * Validates a time-stamp token (RFC 3161 §2.4.2) over data whose digest `imprintOf` gives:
 * the token is a SignedData encapsulating a TSTInfo; its message imprint equals the digest; its
 * CMS signature, message-digest and ESS signing-certificate hold; the TSA certificate chains to
 * the trust list, has the extended key usage id-kp-timeStamping only, marked critical (§2.3), and
 * was valid at genTime (ETSI EN 319 102-1 §5.4, time-stamp validation). Never throws.
 */
export function verifyTimeStampToken(token: Uint8Array, imprintOf: (hash: DigestName) => Buffer, trust: TrustList, now: number): TimeStampResult {
  let genTime: number | undefined;
  try {
    const cms = parseCms(token, { encapsulated: OID.tstInfo });
    // The one TSTInfo reader (shared/asn1): the signer checks the tokens it embeds with it too.
    const info = readTstInfo(cms.content!);
    genTime = info.genTime;
    const hash = DIGEST_NAMES[info.messageImprint.hashAlgorithm];
    const imprintOk = hash !== undefined && imprintOf(hash).equals(info.messageImprint.hashedMessage);
    if (!imprintOk) return { ok: false, genTime, failure: 'HASH_FAILURE', detail: 'Dấu thời gian không khớp với dữ liệu được đóng dấu (mã băm trong dấu thời gian khác): dấu thời gian không thuộc về chữ ký hoặc tài liệu này.' };
    const checked = verifyCms(cms, (hash) => createDigest(hash, cms.content!), trust, { essV1: true });
    if (!checked.digestMatches || !checked.signatureValid) return { ok: false, genTime, failure: 'SIG_CRYPTO_FAILURE', detail: `Chữ ký của đơn vị cấp dấu thời gian không hợp lệ: ${checked.signatureValid ? checked.digestDetail : checked.signatureDetail}` };
    if (!checked.essValid || !checked.signer) return { ok: false, genTime, failure: 'FORMAT_FAILURE', detail: `Dấu thời gian không gắn đúng chứng thư của đơn vị cấp: ${checked.essDetail}` };
    const tsa = checked.signer;
    const chain = evaluateChain(tsa, checked.pool, trust, genTime, now);
    const base = { genTime, tsa, path: chain.path };
    if (!chain.trusted) return { ok: false, ...base, failure: 'NO_CERTIFICATE_CHAIN_FOUND', detail: `Đơn vị cấp dấu thời gian "${displayName(tsa)}" không thuộc danh sách tin cậy: ${chain.trustDetail}` };
    const eku = tsa.extensions.find((e) => e.id === OID.extKeyUsage);
    if (!eku?.critical || tsa.extendedKeyUsage?.length !== 1 || tsa.extendedKeyUsage[0] !== OID.timeStamping) {
      return { ok: false, ...base, failure: 'CHAIN_CONSTRAINTS_FAILURE', detail: `Chứng thư "${displayName(tsa)}" không phải chứng thư cấp dấu thời gian (cần mục đích sử dụng duy nhất timeStamping, đánh dấu bắt buộc).` };
    }
    if (!chain.validAtSigningTime) return { ok: false, ...base, failure: 'OUT_OF_BOUNDS_NO_POE', detail: `Chứng thư của đơn vị cấp dấu thời gian không còn hiệu lực lúc cấp dấu: ${chain.validityDetail}` };
    return { ok: true, ...base, detail: `Dấu thời gian hợp lệ do "${displayName(tsa)}" cấp, chứng minh thời điểm ${formatTime(genTime)}.` };
  } catch (error) {
    return { ok: false, genTime, failure: 'FORMAT_FAILURE', detail: `Không đọc được dấu thời gian (chi tiết kỹ thuật: ${(error as Error).message}).` };
  }
}

function createDigest(hash: DigestName, data: Uint8Array): Buffer {
  return createHashOf(hash).update(data).digest();
}
