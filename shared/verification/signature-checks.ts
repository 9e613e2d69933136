import { displayName } from './chain';
import { PADES_SUBFILTER, type DocumentAnalysis, type SignatureAnalysis } from './analyse-document';
import type { Check, SignatureReport } from './types';

/** Ids of the checks made once per signature, in report order. */
export const SIGNATURE_CHECK_IDS = [
  'byterange', 'pades-profile', 'cms-digest', 'cms-signature', 'signing-certificate', 'chain-trust', 'key-usage', 'validity-at-signing-time',
] as const;
type SignatureCheckId = (typeof SIGNATURE_CHECK_IDS)[number];

/** The per-signature checks, each failed with a reason when an earlier step made it impossible. */
export function signatureChecks(signature: SignatureAnalysis): Record<SignatureCheckId, Check> {
  const { byteRange, cms, chain } = signature;
  const check = (id: SignatureCheckId, passed: boolean, detail: string): Check => ({ id, passed, detail });
  if (signature.docTimeStamp && byteRange.ok && !signature.unsupportedSubFilter) return docTimeStampChecks(signature, check);
  const blocked = !byteRange.ok
    ? 'Không kiểm tra được vì vùng dữ liệu được ký không hợp lệ.'
    : signature.cmsProblem ?? 'Không kiểm tra được vì không có chứng thư số của người ký.';
  const pades = signature.subFilter === PADES_SUBFILTER;
  return {
    byterange: check('byterange', byteRange.ok, byteRange.ok ? 'Vùng dữ liệu được ký đúng quy cách: bắt đầu từ đầu tệp và chỉ chừa ra đúng chỗ chứa giá trị chữ ký.' : byteRange.detail),
    'pades-profile': check('pades-profile', pades, pades
      ? 'Chữ ký theo chuẩn PAdES (ETSI.CAdES.detached).'
      : `Chữ ký dạng "${signature.subFilter || 'không ghi'}", không theo chuẩn PAdES mà hệ thống dùng.`),
    'cms-digest': cms ? check('cms-digest', cms.digestMatches, cms.digestDetail) : check('cms-digest', false, blocked),
    'cms-signature': cms ? check('cms-signature', cms.signatureValid, cms.signatureDetail) : check('cms-signature', false, blocked),
    'signing-certificate': cms ? check('signing-certificate', cms.essValid, cms.essDetail) : check('signing-certificate', false, blocked),
    'chain-trust': chain ? check('chain-trust', chain.trusted, chain.trustDetail) : check('chain-trust', false, blocked),
    'key-usage': chain ? check('key-usage', chain.keyUsageOk, chain.keyUsageDetail) : check('key-usage', false, blocked),
    'validity-at-signing-time': chain
      ? check('validity-at-signing-time', chain.validAtSigningTime, chain.validityDetail)
      : check('validity-at-signing-time', false, blocked),
  };
}

/**
 * A document time-stamp has no signer of its own: each check reads its token's validation
 * (timestamp-token.ts), the one failure named where it belongs, the checks after it blocked.
 */
function docTimeStampChecks(signature: SignatureAnalysis, check: (id: SignatureCheckId, passed: boolean, detail: string) => Check): Record<SignatureCheckId, Check> {
  const result = signature.timeStamps[0];
  const order: [SignatureCheckId, string | undefined][] = [
    ['cms-digest', 'HASH_FAILURE'], ['cms-signature', 'SIG_CRYPTO_FAILURE'], ['signing-certificate', 'FORMAT_FAILURE'],
    ['chain-trust', 'NO_CERTIFICATE_CHAIN_FOUND'], ['key-usage', 'CHAIN_CONSTRAINTS_FAILURE'], ['validity-at-signing-time', 'OUT_OF_BOUNDS_NO_POE'],
  ];
  const failedAt = result?.ok ? -1 : order.findIndex(([, failure]) => failure === (result?.failure ?? 'FORMAT_FAILURE'));
  const out = {
    byterange: check('byterange', true, 'Vùng dữ liệu được đóng dấu thời gian đúng quy cách: chỉ chừa ra đúng chỗ chứa dấu thời gian.'),
    'pades-profile': check('pades-profile', true, 'Dấu thời gian tài liệu theo chuẩn PAdES (ETSI.RFC3161).'),
  } as Record<SignatureCheckId, Check>;
  order.forEach(([id], i) => {
    out[id] = failedAt < 0 || i < failedAt
      ? check(id, true, result?.detail ?? '')
      : check(id, false, i === failedAt ? result?.detail ?? 'Không đọc được dấu thời gian.' : 'Không kiểm tra được vì dấu thời gian không hợp lệ ở bước trước.');
  });
  return out;
}

/** One signature's entry of the report. */
export function signatureReport(signature: SignatureAnalysis, checks: Record<SignatureCheckId, Check>, fileLength: number): SignatureReport {
  const signer = signature.cms?.signer;
  return {
    field: signature.field.name,
    signer: signer?.commonName ?? '',
    ...(signer?.organization ? { organization: signer.organization } : {}),
    ...(signature.signedAt !== undefined ? { signedAt: new Date(signature.signedAt).toISOString() } : {}),
    subFilter: signature.subFilter,
    coversWholeFile: signature.byteRange.ranges?.end === fileLength,
    chainTrusted: checks['chain-trust'].passed,
    validAtSigningTime: checks['validity-at-signing-time'].passed,
    digestMatches: checks['cms-digest'].passed,
    signatureValid: checks['cms-signature'].passed,
    revision: signature.revision === undefined ? 0 : signature.revision + 1,
    ...(signature.docTimeStamp ? { docTimeStamp: true } : {}),
    ...(signature.bestSignatureTime !== undefined ? { bestSignatureTime: new Date(signature.bestSignatureTime).toISOString() } : {}),
    timeStamps: signature.timeStamps.filter((t) => t.genTime !== undefined).map((t) => ({ genTime: new Date(t.genTime!).toISOString(), valid: t.ok, tsa: t.tsa ? displayName(t.tsa) : '' })),
    checks: SIGNATURE_CHECK_IDS.map((id) => checks[id]),
  };
}

/** The pass sentence of each global check; `all` is "chữ ký" or "cả N chữ ký". */
const SUMMARY: Record<SignatureCheckId, (all: string, names: string) => string> = {
  byterange: (all) => `Vùng dữ liệu được ký của ${all} đúng quy cách: chỉ chừa ra đúng chỗ chứa giá trị chữ ký.`,
  'pades-profile': (all) => `${capitalize(all)} theo chuẩn PAdES (ETSI.CAdES.detached).`,
  'cms-digest': (all) => `Mã băm nội dung khớp với ${all}: phần tệp đã được ký không bị thay đổi.`,
  'cms-signature': (_all, names) => `Giá trị chữ ký số của ${names} hợp lệ với khóa công khai trong chứng thư của người ký.`,
  'signing-certificate': (all) => `${capitalize(all)} gắn với đúng chứng thư số của người ký (signing-certificate-v2).`,
  'chain-trust': (_all, names) => `Chứng thư số của ${names} do tổ chức chứng thực trong danh sách tin cậy cấp (đã kiểm tra bằng chữ ký số của tổ chức đó).`,
  'key-usage': (_all, names) => `Chứng thư số của ${names} được cấp cho mục đích ký số.`,
  'validity-at-signing-time': (_all, names) => `Chứng thư số của ${names} còn hiệu lực tại thời điểm ký.`,
};

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The global version of each per-signature check: passes when every signature passes it. */
export function aggregateChecks(analysis: DocumentAnalysis, perSignature: Record<SignatureCheckId, Check>[]): Record<SignatureCheckId, Check> {
  const out = {} as Record<SignatureCheckId, Check>;
  const names = analysis.signatures.map((s) => `"${s.cms?.signer ? displayName(s.cms.signer) : s.field.name}"`).join(' và ');
  for (const id of SIGNATURE_CHECK_IDS) {
    if (perSignature.length === 0) {
      out[id] = { id, passed: false, detail: 'Không có chữ ký số nào để kiểm tra.' };
      continue;
    }
    const failed = perSignature.map((checks, i) => ({ check: checks[id], name: analysis.signatures[i].field.name })).filter(({ check }) => !check.passed);
    out[id] = failed.length === 0
      ? { id, passed: true, detail: SUMMARY[id](perSignature.length === 1 ? 'chữ ký' : `cả ${perSignature.length} chữ ký`, names) }
      : { id, passed: false, detail: failed.map(({ check, name }) => `Chữ ký "${name}": ${check.detail}`).join(' ') };
  }
  return out;
}
