import { randomBytes } from 'node:crypto';
import { limits } from '../runtime/config';
import { ForbiddenError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../domain/errors';
import { requesterNameOf } from '../domain/request';
import type { DisclosedContent, VerifyUploadRequest } from '../contracts/verification';
import { numberTextOf, type DocumentRecord } from '../domain/document';
import type { Caller } from '../domain/roles';
import { isoVnDay } from '../domain/dates';
import { normalizeVerifyCode } from '../domain/verify-code';
import type { Services } from '../runtime/services';
import { chargeClientItem, type QuotaOptions } from './item-quota';
import { BUCKETS } from '../store/table';
import { trustListPem } from '../runtime/trust-list';
import { isPdf, trustListFromPem, verifyPdf, type RegistryRecord, type TrustList, type VerificationReport } from '../verification';

let trust: TrustList | undefined;
/** The trust anchors, parsed once per process. */
const trustList = (): TrustList => (trust ??= trustListFromPem(trustListPem()));

/** What the registry says about a document, in the verifier's terms (no personal data). */
export function registryRecordOf(d: DocumentRecord): RegistryRecord {
  return {
    verifyCode: d.verifyCode,
    kind: d.kind,
    issuer: d.agencyName,
    issuedAt: d.issuedAt,
    ...(d.seq !== undefined ? { number: d.seq } : {}),
    book: d.bookLabel,
    pages: d.pages,
    sha256: d.sha256,
    ...(d.sealed ? { sealed: d.sealed } : {}),
    status: d.status,
    ...(d.revocation ? { revocation: { at: d.revocation.at, reason: d.revocation.reason } } : {}),
  };
}

/**
 * Records a verification of a known document, so its owner can see who checked it: a signed-in
 * verifier or official one by one, anyone else as one more on the day's anonymous counter (any
 * number of anonymous checks is then one item a day, and cannot push a named verifier out).
 */
export async function logVerification(services: Services, doc: DocumentRecord, verdict: string, via: 'file' | 'code', principal: Caller | undefined) {
  // A machine client is logged under its agency's name (issue 21): "Ngân hàng X đã kiểm tra".
  const verifier = principal && (principal.role === 'verifier' || principal.role === 'official' || principal.role === 'client') ? principal : undefined;
  const now = services.now();
  if (!verifier) {
    await services.documents.countAnonymousVerification(doc.id, isoVnDay(now));
    return;
  }
  await services.documents.logVerification(doc.id, {
    at: now.toISOString(),
    verdict,
    via,
    rand: randomBytes(4).toString('hex'),
    ...(verifier.agencyId ? { verifierAgencyId: verifier.agencyId } : {}),
    ...(verifier.name ? { verifierName: verifier.name } : {}),
  });
}

/**
 * Verifies a PDF: every signature, the chain to the trust list, then the registry (verify code →
 * record → whole-file SHA-256 → status). Anything that is not a PDF is a 415; a PDF never makes
 * it throw — a broken one is a report with failed checks.
 */
export async function verifyFile(services: Services, principal: Caller | undefined, bytes: Uint8Array, quota: QuotaOptions = {}): Promise<VerificationReport> {
  await chargeClientItem(services, principal, quota);
  if (!isPdf(bytes)) throw new UnsupportedMediaTypeError('Tệp gửi lên không phải là tệp PDF.');
  let found: DocumentRecord | undefined;
  const report = await verifyPdf(bytes, {
    trust: trustList(),
    now: services.now(),
    registry: {
      byVerifyCode: async (code) => {
        found = await services.documents.byVerifyCode(code);
        return found ? registryRecordOf(found) : undefined;
      },
    },
  });
  if (found && report.document) await logVerification(services, found, report.verdict, 'file', principal);
  return report;
}

/** A day, after which a verification upload is gone (S3 lifecycle in AWS; checked here too). */
const UPLOAD_LIFETIME_MS = 24 * 3600_000;

/** Verifies a file uploaded earlier through POST /api/verify/uploads. */
export async function verifyUploaded(services: Services, principal: Caller | undefined, uploadId: string, quota: QuotaOptions = {}): Promise<VerificationReport> {
  await chargeClientItem(services, principal, quota);
  const key = `${BUCKETS.originals.prefixes.verifyUploads}${uploadId}.pdf`;
  const size = await services.objects.size(services.buckets.originals, key);
  if (size === undefined) throw new NotFoundError('Không tìm thấy tệp đã tải lên để kiểm tra (có thể đã hết hạn sau 1 ngày).');
  const created = Number(uploadId.split('-')[0]);
  if (!Number.isFinite(created) || services.now().getTime() - created > UPLOAD_LIFETIME_MS) {
    throw new NotFoundError('Tệp tải lên để kiểm tra đã hết hạn (quá 1 ngày).');
  }
  const bytes = await services.objects.getBytes(services.buckets.originals, key, limits().maxVerifyUploadBytes);
  return verifyFile(services, principal, bytes, { quotaCharged: true });
}

/**
 * A presigned PUT for a large file to verify, bound to the declared size (at most
 * MAX_VERIFY_UPLOAD_BYTES, else a 413 before any URL is made); the id encodes its creation time
 * for expiry.
 */
export async function createVerifyUpload(services: Services, input: VerifyUploadRequest) {
  const { uploadUrlTtlSeconds: ttl, maxVerifyUploadBytes } = limits();
  if (input.size > maxVerifyUploadBytes) {
    throw new PayloadTooLargeError(`Tệp cần kiểm tra có dung lượng ${input.size} byte, vượt quá giới hạn ${maxVerifyUploadBytes} byte.`);
  }
  const uploadId = `${services.now().getTime()}-${Buffer.from(services.randomBytes(18)).toString('base64url')}`;
  const key = `${BUCKETS.originals.prefixes.verifyUploads}${uploadId}.pdf`;
  const { url, headers } = await services.objects.presignPut(services.buckets.originals, key, { contentType: 'application/pdf', contentLength: input.size }, ttl);
  return {
    uploadId,
    uploadUrl: url,
    uploadMethod: 'PUT' as const,
    uploadHeaders: headers,
    maxBytes: maxVerifyUploadBytes,
    expiresAt: new Date(services.now().getTime() + ttl * 1000).toISOString(),
  };
}

const HOW_TO_CHECK =
  'Mã này xác nhận hồ sơ gốc trong sổ của cơ quan cấp. Để chắc chắn tệp bạn nhận được chưa bị sửa, hãy tải tệp PDF lên trang /verify (hoặc POST /api/verify): hệ thống kiểm tra chữ ký số và so khớp mã băm SHA-256 của tệp với hồ sơ gốc.';

/** The document a code names, or the 404 every code route answers. */
export async function documentOfCode(services: Services, rawCode: string): Promise<DocumentRecord> {
  const code = normalizeVerifyCode(rawCode);
  const doc = code ? await services.documents.byVerifyCode(code) : undefined;
  if (!doc) throw new NotFoundError('Không có bản sao nào mang mã kiểm tra này.');
  return doc;
}

/** Whether the owner lets a code lookup show what was issued (the default). */
export const contentShown = (doc: DocumentRecord): boolean => doc.showContent !== false;

/**
 * The holder's name: recorded on the document since issue #21, read from the request for older
 * copies. A closed book or a receipt has no holder.
 */
export async function holderNameOf(services: Services, doc: DocumentRecord): Promise<string | undefined> {
  if (doc.holderName) return doc.holderName;
  if (doc.kind !== 'certify-copy' && doc.kind !== 'register-copy') return undefined;
  const request = await services.requests.get(doc.requestId);
  return request ? requesterNameOf(request) : undefined;
}

/**
 * What was issued, for whoever holds the code: the code is a 120-bit capability printed on the
 * copy (shared/domain/verify-code.ts), so holding it is as good as holding the copy — unless the
 * owner turned this off, when only the status is shown.
 */
export async function disclosedContent(services: Services, doc: DocumentRecord): Promise<DisclosedContent | undefined> {
  if (!contentShown(doc)) return undefined;
  const holderName = await holderNameOf(services, doc);
  return { title: doc.title, ...(holderName ? { holderName } : {}), documentUrl: `/api/verify/${doc.verifyCode}/document` };
}

/**
 * Lambda answers at most 6 MB, and a PDF goes out as base64 (4/3 larger): the preview of a larger
 * copy is refused with a 413 rather than failing inside API Gateway. Copies this large are rare
 * (scans are recompressed at issuance); the holder can still compare using the downloaded file.
 */
const MAX_PREVIEW_BYTES = 4 * 1024 * 1024;

/**
 * The issued PDF itself through its code, so the page can render every page next to the printout
 * in hand. Counted as a verification (the owner sees it), refused when the owner turned the
 * content off.
 */
export async function documentByCode(services: Services, principal: Caller | undefined, rawCode: string): Promise<Uint8Array> {
  await chargeClientItem(services, principal);
  const doc = await documentOfCode(services, rawCode);
  if (!contentShown(doc)) throw new ForbiddenError('Chủ sở hữu bản sao đã tắt hiển thị nội dung: mã kiểm tra chỉ cho biết tình trạng của bản sao.');
  if (doc.size > MAX_PREVIEW_BYTES) {
    throw new PayloadTooLargeError(`Bản sao có dung lượng ${doc.size} byte, quá lớn để xem trước trên trang; hãy đối chiếu bằng tệp PDF nhận được.`);
  }
  const bytes = await services.objects.getBytes(services.buckets.issued, doc.s3Key, MAX_PREVIEW_BYTES);
  await logVerification(services, doc, doc.status === 'revoked' ? 'revoked' : 'authentic', 'code', principal);
  return bytes;
}

/** What the QR code's URL says: the record's status and minimal metadata, by exact code only. */
export async function verifyByCode(services: Services, principal: Caller | undefined, rawCode: string, quota: QuotaOptions = {}) {
  await chargeClientItem(services, principal, quota);
  const doc = await documentOfCode(services, rawCode);
  const revoked = doc.status === 'revoked';
  const verdict = revoked ? ('revoked' as const) : ('authentic' as const);
  await logVerification(services, doc, verdict, 'code', principal);
  return {
    verdict,
    indication: revoked ? 'TOTAL_FAILED' : 'TOTAL_PASSED',
    ...(revoked ? { subIndication: 'REVOKED' } : {}),
    checks: [
      { id: 'registry-record', passed: true, detail: `Mã kiểm tra khớp với ${doc.kind === 'book' ? 'sổ' : 'bản sao'} (${numberTextOf(doc)}) do ${doc.agencyName} cấp.` },
      {
        id: 'revocation-status',
        passed: !revoked,
        detail: revoked ? `Bản sao đã bị hủy ngày ${doc.revocation?.at.slice(0, 10)}: ${doc.revocation?.reason}` : 'Bản sao chưa bị hủy, đang có hiệu lực.',
      },
    ],
    document: registryRecordOf(doc),
    howToCheck: HOW_TO_CHECK,
    ...(await contentPart(services, doc)),
  };
}

async function contentPart(services: Services, doc: DocumentRecord) {
  const content = await disclosedContent(services, doc);
  return { contentShown: content !== undefined, ...(content ? { content } : {}), receiptUrl: `/api/verify/${doc.verifyCode}/receipt` };
}
