import { createHash } from 'node:crypto';
import { analyseDocument, applyRawSignatureScan, NO_SIGNATURE, PADES_SUBFILTER, type DocumentAnalysis } from './analyse-document';
import { formatTime } from './chain';
import { hashRanges } from './range-hash';
import { aggregateChecks, signatureChecks, signatureReport } from './signature-checks';
import { signatureRolesCheck } from './signature-roles';
import { levelCheck, padesLevel, revocationFacts, timeStampsCheck } from './long-term';
import { decide } from './verdict';
import { verifyCodeInRawBytes } from './verify-code-source';
import type { Check, RegistryRecord, SubIndication, VerificationReport, VerifyContext } from './types';

/** How far into the file the `%PDF-` header may start (what common readers accept). */
const HEADER_WINDOW = 1024;

/** True when the bytes are a PDF at all (%PDF- header near the start); callers answer 415/422 otherwise. */
export function isPdf(bytes: Uint8Array): boolean {
  if (!(bytes instanceof Uint8Array) || bytes.length < 8) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_WINDOW)).indexOf('%PDF-') >= 0;
}

/**
 * Verifies a PDF: every signature (structure, byte ranges, revisions, CMS, chain, time), then the
 * registry (verify code → record → whole-file SHA-256 → status), and gives one verdict.
 * Never throws on a file: every parse error is a failed check (fail closed). Errors of the
 * registry port (e.g. the database is down) are not about the file and do propagate.
 */
export async function verifyPdf(bytes: Uint8Array, ctx: VerifyContext): Promise<VerificationReport> {
  const analysis = isPdf(bytes) ? safeAnalysis(bytes, ctx) : notPdf(bytes);
  const code = analysis.signedCode ?? analysis.hintCode;
  const record = code ? await ctx.registry.byVerifyCode(code) : undefined;
  const fileSha256 = analysis.fileSha256.toString('hex');
  const wholeMatches = !!record && typeof record.sha256 === 'string' && record.sha256.toLowerCase() === fileSha256;
  const sealedMatches = !wholeMatches && !!record && sealedPrefixHolds(record, analysis, bytes);
  const fileHashMatches = wholeMatches || sealedMatches;
  if (!fileHashMatches && bytes instanceof Uint8Array) applyRawSignatureScan(bytes, analysis);

  const perSignature = analysis.signatures.map(signatureChecks);
  const revocation = revocationFacts(analysis);
  const level = padesLevel(analysis, revocation);
  const aggregated = aggregateChecks(analysis, perSignature);
  const checks: Check[] = [
    { id: 'pdf-structure', passed: analysis.structure.ok, detail: analysis.structure.detail },
    { id: 'signatures-present', passed: analysis.discovery.ok, detail: analysis.discovery.detail },
    aggregated.byterange,
    { id: 'whole-file-coverage', passed: analysis.coverage.ok, detail: analysis.coverage.detail },
    { id: 'revisions', passed: analysis.revisions.ok, detail: analysis.revisions.detail },
    aggregated['pades-profile'],
    aggregated['cms-digest'],
    aggregated['cms-signature'],
    aggregated['signing-certificate'],
    aggregated['chain-trust'],
    aggregated['key-usage'],
    aggregated['validity-at-signing-time'],
    ...registryChecks(code, analysis, record, fileHashMatches, sealedMatches),
    signatureRolesCheck(analysis.signatures, record),
    timeStampsCheck(analysis),
    revocation.check,
    levelCheck(level),
  ];

  const passed = (id: string) => checks.find((check) => check.id === id)!.passed;
  const decision = decide({
    signatures: analysis.signatures.length,
    signatureTraces: analysis.signatureTraces,
    integrityFailure: integrityFailure(analysis, passed),
    rolesOk: passed('signature-roles'),
    timeStampFailure: analysis.signatures.flatMap((s) => s.timeStamps).find((t) => !t.ok)?.failure,
    signerRevoked: revocation.revokedBeforeSigning,
    unsupported: analysis.structure.unsupported || analysis.signatures.some((s) => (s.docTimeStamp ? s.unsupportedSubFilter : s.subFilter !== PADES_SUBFILTER)),
    broken: !analysis.structure.ok && !analysis.structure.unsupported && isPdf(bytes),
    chainTrusted: passed('chain-trust'),
    keyUsageOk: passed('key-usage'),
    validAtSigningTime: passed('validity-at-signing-time'),
    record,
    fileHashMatches,
  });
  return {
    ...decision,
    checks,
    ...(record ? { document: { ...record } } : {}),
    signatures: analysis.signatures.map((signature, i) => ({
      ...signatureReport(signature, perSignature[i], bytes.length),
      ...(revocation.facts[i] ? { revocation: revocation.facts[i] } : {}),
    })),
    ...(code ? { verifyCode: code, verifyCodeSigned: code === analysis.signedCode && analysis.signedCodeIntact } : {}),
    sha256: fileSha256,
    size: bytes.length,
    ...(sealTime(analysis) !== undefined ? { bestSignatureTime: new Date(sealTime(analysis)!).toISOString() } : {}),
    ...(level ? { level } : {}),
  };
}

/** The seal's (last approval signature's) proven time: when the document as issued is proven to exist. */
function sealTime(analysis: DocumentAnalysis): number | undefined {
  return analysis.signatures.filter((s) => !s.docTimeStamp).at(-1)?.bestSignatureTime;
}

/** The first failure that shows the bytes or the signatures do not hold, as an ETSI sub-indication. */
function integrityFailure(analysis: DocumentAnalysis, passed: (id: string) => boolean): SubIndication | undefined {
  if (!analysis.structure.ok && !analysis.structure.unsupported) return 'FORMAT_FAILURE';
  if (!analysis.discovery.ok && analysis.signatures.length > 0) return 'FORMAT_FAILURE';
  for (const id of ['byterange', 'whole-file-coverage', 'revisions']) if (!passed(id)) return 'FORMAT_FAILURE';
  const checked = analysis.signatures.filter((s) => !s.unsupportedSubFilter && !s.docTimeStamp);
  if (checked.some((s) => !s.cmsReadable)) return 'FORMAT_FAILURE';
  // A time-stamp whose bytes or signature do not hold is damage, like a broken signature.
  const broken = analysis.signatures.flatMap((s) => s.timeStamps).find((t) => t.failure === 'HASH_FAILURE' || t.failure === 'SIG_CRYPTO_FAILURE' || t.failure === 'FORMAT_FAILURE');
  if (broken) return broken.failure;
  if (checked.some((s) => !s.cms?.digestMatches)) return 'HASH_FAILURE';
  if (checked.some((s) => !s.cms?.signatureValid)) return 'SIG_CRYPTO_FAILURE';
  if (checked.some((s) => !s.cms?.essValid)) return 'FORMAT_FAILURE';
  return undefined;
}

/**
 * A renewed copy (RegistryRecord.sealed): its first `sealed.length` bytes are the copy as sealed,
 * and what follows only adds validation data and document time-stamps — which the revision rules
 * (analyse-document.ts, after the seal) and the time-stamp checks must accept, each stamp valid.
 */
function sealedPrefixHolds(record: RegistryRecord, analysis: DocumentAnalysis, bytes: Uint8Array): boolean {
  const sealed = record.sealed;
  if (!sealed || typeof sealed.sha256 !== 'string' || !Number.isSafeInteger(sealed.length) || sealed.length <= 0 || sealed.length > bytes.length) return false;
  // Normally taken in the one pass over the file; a record naming another length is read again.
  const prefix = analysis.sealedPrefix?.length === sealed.length
    ? analysis.sealedPrefix.sha256
    : createHash('sha256').update(bytes.subarray(0, sealed.length)).digest();
  if (prefix.toString('hex') !== sealed.sha256.toLowerCase()) return false;
  const stamps = analysis.signatures.filter((s) => s.docTimeStamp);
  return analysis.sealedPrefix?.length === sealed.length && analysis.revisions.ok && analysis.coverage.ok
    && stamps.every((s) => s.timeStamps[0]?.ok === true);
}

function registryChecks(
  code: string | undefined, analysis: DocumentAnalysis, record: RegistryRecord | undefined, fileHashMatches: boolean, sealedMatches = false,
): Check[] {
  if (!code) {
    const detail = 'Tệp không mang mã kiểm tra của hệ thống: đây không phải bản sao điện tử do hệ thống này cấp.';
    return [
      { id: 'registry-record', passed: false, detail },
      { id: 'file-hash', passed: false, detail: 'Không có hồ sơ cấp để đối chiếu mã băm của tệp.' },
      { id: 'revocation-status', passed: false, detail: 'Không xác định được tình trạng hiệu lực vì không có hồ sơ cấp.' },
    ];
  }
  if (!record) {
    return [
      { id: 'registry-record', passed: false, detail: `Mã kiểm tra ${code} không có trong sổ của hệ thống: tài liệu không do hệ thống này cấp.` },
      { id: 'file-hash', passed: false, detail: 'Không có hồ sơ cấp để đối chiếu mã băm của tệp.' },
      { id: 'revocation-status', passed: false, detail: 'Không xác định được tình trạng hiệu lực vì không tìm thấy hồ sơ cấp.' },
    ];
  }
  const issued = Number.isFinite(Date.parse(record.issuedAt)) ? formatTime(Date.parse(record.issuedAt)) : record.issuedAt;
  const where = analysis.signedCode !== code
    ? 'mã chỉ được đọc ở phần chưa được ký của tệp, dùng để tra cứu'
    : analysis.signedCodeIntact
      ? 'mã được đọc trong phần đã ký của tệp'
      : 'mã được đọc trong phần đã ký của tệp, nhưng chữ ký đó không còn nguyên vẹn';
  const revoked = record.status !== 'valid';
  return [
    {
      id: 'registry-record',
      passed: true,
      detail: `Mã kiểm tra ${code} khớp với ${KIND_LABELS[record.kind] ?? 'tài liệu'} (${record.number !== undefined ? `số ${record.number}, ` : ''}quyển số ${record.book}) do ${record.issuer} cấp lúc ${issued} (${where}).`,
    },
    sealedMatches
      ? {
        id: 'file-hash', passed: true,
        detail: `Phần tệp được niêm phong khi cấp (${record.sealed!.length} byte đầu) giống hệt bản đã cấp: mã băm SHA-256 trùng với mã băm lưu khi cấp. Phần thêm sau đó chỉ bổ sung dữ liệu kiểm tra dài hạn và dấu thời gian tài liệu, đều hợp lệ.`,
      }
      : fileHashMatches
      ? { id: 'file-hash', passed: true, detail: 'Tệp giống hệt bản đã cấp: mã băm SHA-256 của tệp trùng với mã băm lưu khi cấp.' }
      : { id: 'file-hash', passed: false, detail: `Tệp khác với bản đã cấp mang mã ${code}: mã băm SHA-256 không khớp với hồ sơ cấp, tệp đã bị sửa đổi.` },
    revoked
      ? {
        id: 'revocation-status',
        passed: false,
        detail: `Bản sao đã bị hủy${record.revocation ? ` lúc ${formatRevocation(record.revocation.at)}. Lý do: ${record.revocation.reason}` : ''}.`,
      }
      : { id: 'revocation-status', passed: true, detail: 'Bản sao chưa bị hủy, đang có hiệu lực.' },
  ];
}

const KIND_LABELS: Record<string, string> = {
  'certify-copy': 'bản sao chứng thực từ bản chính',
  book: 'sổ đã khóa',
  'register-copy': 'bản sao cấp từ sổ gốc',
};

function formatRevocation(at: string): string {
  return Number.isFinite(Date.parse(at)) ? formatTime(Date.parse(at)) : at;
}

/** Analysis that never throws: an unexpected fault still yields a fail-closed report. */
function safeAnalysis(bytes: Uint8Array, ctx: VerifyContext): DocumentAnalysis {
  try {
    return analyseDocument(bytes, ctx.trust, ctx.now);
  } catch (error) {
    return emptyAnalysis(bytes, `Không phân tích được tệp PDF (chi tiết kỹ thuật: ${(error as Error)?.message ?? String(error)}).`);
  }
}

function notPdf(bytes: Uint8Array): DocumentAnalysis {
  return emptyAnalysis(bytes instanceof Uint8Array ? bytes : new Uint8Array(0), 'Tệp không phải là tệp PDF.');
}

function emptyAnalysis(bytes: Uint8Array, why: string): DocumentAnalysis {
  const failed = { ok: false, detail: why };
  return {
    structure: { ...failed, unsupported: false },
    signatures: [],
    discovery: { ok: false, detail: NO_SIGNATURE },
    signatureTraces: false,
    revisions: { ok: false, detail: 'Không phân tích được các phiên bản của tệp.' },
    validationRevisions: [],
    coverage: { ok: false, detail: 'Không có chữ ký nào bao trùm tệp.' },
    fileSha256: hashRanges(bytes, []).whole,
    signedCodeIntact: false,
    hintCode: verifyCodeInRawBytes(bytes),
  };
}
