import { KEY_USAGE } from '../asn1';
import type { CertInfo } from './cert-info';
import type { TrustList } from './trust-list';

export interface ChainResult {
  /** Signer first, then its issuers as found; ends with the anchor when trusted. */
  path: CertInfo[];
  trusted: boolean;
  trustDetail: string;
  keyUsageOk: boolean;
  keyUsageDetail: string;
  validAtSigningTime: boolean;
  validityDetail: string;
}

/** Longest path examined: anchors, issuing CAs and the signer fit in far fewer. */
const MAX_PATH = 8;
/** Clock skew tolerated between the signing machine and this one. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

/**
 * Builds the path from the signer certificate through the CMS certificates to a trust anchor,
 * matching issuer to subject by their DER Names AND verifying each signature with the issuer's
 * key: a stranger's CA named exactly like ours matches by name and fails on the signature.
 * Then checks the constraints (CA flag, keyCertSign, path length, unknown critical extensions),
 * the signer's key usage, and that every certificate was valid at the claimed signing time.
 */
export function evaluateChain(signer: CertInfo, pool: CertInfo[], trust: TrustList, signingTime: number | undefined, now: number): ChainResult {
  const path: CertInfo[] = [signer];
  let trusted = false;
  let current = signer;
  for (let depth = 0; depth < MAX_PATH; depth++) {
    if (trust.isAnchor(current)) {
      trusted = true;
      break;
    }
    const anchor = trust.anchors.find((candidate) => trust.issuedBy(current, candidate));
    if (anchor) {
      path.push(anchor);
      trusted = true;
      break;
    }
    const next = pool.find((candidate) => !path.includes(candidate) && trust.issuedBy(current, candidate));
    if (!next) break;
    path.push(next);
    current = next;
  }

  let trustDetail = trusted
    ? `Chứng thư số của "${displayName(signer)}" được cấp bởi tổ chức chứng thực tin cậy "${displayName(path[path.length - 1])}".`
    : `Chứng thư số của "${displayName(signer)}" không được cấp bởi tổ chức chứng thực nào trong danh sách tin cậy (kiểm tra bằng chữ ký của nhà cung cấp, không chỉ theo tên).`;
  const constraint = constraintViolation(path);
  if (trusted && constraint) {
    trusted = false;
    trustDetail = `Chuỗi chứng thư số không hợp lệ: ${constraint}.`;
  }

  const usage = signer.keyUsage ?? 0;
  const keyUsageOk = signer.keyUsage !== undefined && (usage & (KEY_USAGE.digitalSignature | KEY_USAGE.nonRepudiation)) !== 0;
  const keyUsageDetail = keyUsageOk
    ? `Chứng thư số của "${displayName(signer)}" được phép dùng để ký số.`
    : `Chứng thư số của "${displayName(signer)}" không được cấp cho mục đích ký số (thiếu digitalSignature/nonRepudiation).`;

  const validity = validityViolation(path, signingTime, now);
  return {
    path,
    trusted,
    trustDetail,
    keyUsageOk,
    keyUsageDetail,
    validAtSigningTime: !validity,
    validityDetail: validity ?? `Mọi chứng thư số trong chuỗi còn hiệu lực tại thời điểm ký ${formatTime(signingTime!)}.`,
  };
}

function constraintViolation(path: CertInfo[]): string | undefined {
  for (const cert of path) {
    if (cert.unknownCritical.length > 0) return `chứng thư "${displayName(cert)}" có phần mở rộng bắt buộc không được hỗ trợ (${cert.unknownCritical.join(', ')})`;
  }
  for (let k = 1; k < path.length; k++) {
    const issuer = path[k];
    if (!issuer.isCa) return `"${displayName(issuer)}" không phải là chứng thư của tổ chức chứng thực (thiếu CA trong basicConstraints)`;
    if (issuer.keyUsage !== undefined && (issuer.keyUsage & KEY_USAGE.keyCertSign) === 0) return `"${displayName(issuer)}" không được phép cấp chứng thư (thiếu keyCertSign)`;
    if (issuer.pathLen !== undefined && k - 1 > issuer.pathLen) return `"${displayName(issuer)}" vượt giới hạn độ dài chuỗi (pathLen ${issuer.pathLen})`;
  }
  return undefined;
}

function validityViolation(path: CertInfo[], signingTime: number | undefined, now: number): string | undefined {
  if (signingTime === undefined) return 'Chữ ký không ghi thời điểm ký (/M) hợp lệ nên không kiểm tra được hiệu lực chứng thư tại thời điểm ký.';
  if (signingTime > now + FUTURE_SKEW_MS) return `Thời điểm ký ghi trong chữ ký (${formatTime(signingTime)}) nằm ở tương lai.`;
  for (const cert of path) {
    if (signingTime < cert.notBefore) {
      return `Chứng thư số "${displayName(cert)}" chưa có hiệu lực tại thời điểm ký ${formatTime(signingTime)} (hiệu lực từ ${formatTime(cert.notBefore)}).`;
    }
    if (signingTime > cert.notAfter) {
      return `Chứng thư số "${displayName(cert)}" đã hết hạn ngày ${formatTime(cert.notAfter)}, trước thời điểm ký ${formatTime(signingTime)}.`;
    }
  }
  return undefined;
}

/** The certificate's CN, else its organisation, for messages. */
export function displayName(cert: CertInfo): string {
  return cert.commonName ?? cert.organization ?? 'không rõ tên';
}

/** A time as Vietnam local time (UTC+7), e.g. "14/03/2025 09:30 (giờ Việt Nam)". */
export function formatTime(ms: number): string {
  const d = new Date(ms + 7 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} (giờ Việt Nam)`;
}
