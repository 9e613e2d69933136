import { createHash } from 'node:crypto';
import { formatVnDateTime } from '../domain/dates';
import { numberTextOf, type DocumentRecord } from '../domain/document';
import { DOCUMENT_KIND_LABELS, SERVICE_SEAL, VERDICT_HEADLINES } from '../domain/receipt';
import { actorOf } from '../domain/request';
import type { Principal } from '../domain/roles';
import { newVerifyCode } from '../domain/verify-code';
import { composeReceipt, type ReceiptInput } from '../pdf/compose-receipt';
import type { Services } from '../runtime/services';
import { signPdf } from '../signing';
import { transact } from '../store/transact';
import type { VerificationReport } from '../verification';
import { ownDocumentRecord, storeCopy } from './issuance-record';
import { contentShown, documentOfCode, holderNameOf, verifyByCode, verifyFile, verifyUploaded } from './verify';

/** A verdict and its checks, as both kinds of verification answer them. */
type Outcome = Pick<VerificationReport, 'verdict' | 'checks'>;

/**
 * The receipt of a lookup by verify code: the registry's answer (status, what was issued) at this
 * moment, sealed by the service. Counted as a verification like the lookup itself.
 */
export async function codeReceipt(services: Services, principal: Principal | undefined, rawCode: string): Promise<Uint8Array> {
  const outcome = await verifyByCode(services, principal, rawCode);
  const doc = await documentOfCode(services, rawCode);
  return issueReceipt(services, principal, { subject: `Mã kiểm tra ${doc.verifyCode} (tra cứu trong sổ của cơ quan cấp, không kiểm tra tệp)`, outcome, doc });
}

/**
 * The receipt of a file check: the PDF in the body, or a large file uploaded earlier. The file is
 * checked again here (a receipt never repeats a verdict the caller claims).
 */
export async function fileReceipt(services: Services, principal: Principal | undefined, body: Uint8Array | { uploadId: string }): Promise<Uint8Array> {
  const report = body instanceof Uint8Array ? await verifyFile(services, principal, body) : await verifyUploaded(services, principal, body.uploadId);
  const doc = report.document ? await services.documents.byVerifyCode(report.document.verifyCode) : undefined;
  const subject = `Tệp PDF ${report.size.toLocaleString('vi-VN')} byte, mã băm SHA-256 ${report.sha256}`;
  return issueReceipt(services, principal, { subject, outcome: report, doc });
}

/** "Cơ quan X (người kiểm tra: Y)" for a signed-in verifier or official; anonymous otherwise. */
async function askedBy(services: Services, principal: Principal | undefined): Promise<string> {
  if (!principal || (principal.role !== 'verifier' && principal.role !== 'official')) return 'Người kiểm tra không đăng nhập (không xác định danh tính)';
  const agency = principal.agencyId ? await services.directory.agency(principal.agencyId) : undefined;
  const who = principal.name ? ` (người kiểm tra: ${principal.name})` : '';
  return `${agency?.name ?? principal.agencyId ?? 'Người kiểm tra đã đăng nhập'}${who}`;
}

/** The identifiers of the checked document; title and holder only while its owner shows them. */
async function documentLines(services: Services, doc: DocumentRecord): Promise<[string, string][]> {
  const shown = contentShown(doc);
  const holder = shown ? await holderNameOf(services, doc) : undefined;
  return [
    ['Loại', DOCUMENT_KIND_LABELS[doc.kind]],
    ...(shown ? [['Tên giấy tờ', doc.title] as [string, string]] : []),
    ...(holder ? [['Người yêu cầu', holder] as [string, string]] : []),
    ...(!shown ? [['Nội dung', 'Chủ sở hữu đã tắt hiển thị tên giấy tờ và người yêu cầu'] as [string, string]] : []),
    ['Số, quyển số', numberTextOf(doc)],
    ['Cơ quan cấp', doc.agencyName],
    ['Ngày cấp', formatVnDateTime(new Date(doc.issuedAt))],
    ['Số trang', String(doc.pages)],
    ['Mã kiểm tra', doc.verifyCode],
    ['Mã băm SHA-256 của tệp đã cấp', doc.sha256],
    ['Tình trạng', doc.status === 'revoked' ? `Đã bị hủy${doc.revocation ? ` ngày ${formatVnDateTime(new Date(doc.revocation.at))}: ${doc.revocation.reason}` : ''}` : 'Đang có hiệu lực'],
  ];
}

/**
 * Composes the receipt, seals it with the service's identity and records it in the registry as a
 * document of kind `receipt` with its own verify code, so that the receipt itself verifies as
 * authentic through POST /api/verify. Stored in the issued bucket like every issued document.
 */
async function issueReceipt(services: Services, principal: Principal | undefined, what: { subject: string; outcome: Outcome; doc?: DocumentRecord }): Promise<Uint8Array> {
  const now = services.now();
  const verifyCode = newVerifyCode(services.randomBytes);
  const input: ReceiptInput = {
    service: { name: SERVICE_SEAL.name },
    verifyCode,
    verifyUrl: `${services.publicBaseUrl}/verify/${verifyCode}`,
    checkedAtText: `${formatVnDateTime(now)} (giờ Việt Nam)`,
    subject: what.subject,
    verdict: VERDICT_HEADLINES[what.outcome.verdict],
    reasons: what.outcome.checks.map((c) => ({ passed: c.passed, text: c.detail })),
    ...(what.doc ? { document: await documentLines(services, what.doc) } : {}),
    askedBy: await askedBy(services, principal),
    createdAt: now,
  };
  const composed = await composeReceipt(input);
  const signer = await services.signers.agency(SERVICE_SEAL.id);
  const pdf = await signPdf(composed.pdf, {
    signer,
    signingTime: now,
    field: composed.fields.agency,
    signerName: SERVICE_SEAL.name,
    reason: 'Phiếu kết quả kiểm tra bản sao điện tử',
    location: SERVICE_SEAL.name,
  });
  const stored = await storeCopy(services, pdf, createHash('sha256').update(pdf).digest('hex'), composed.pages, verifyCode);
  const { documentId } = stored;
  const at = now.toISOString();
  const actor = principal ? actorOf(principal) : { sub: 'anonymous', role: 'verifier' as const };
  const record = ownDocumentRecord(stored, {
    // The checked document, or the checked file's hash when the registry knew none.
    requestId: what.doc?.id ?? `sha256:${what.subject.match(/[0-9a-f]{64}/)?.[0] ?? 'unknown'}`,
    kind: 'receipt',
    title: 'Phiếu kết quả kiểm tra bản sao điện tử',
    agencyId: SERVICE_SEAL.id,
    agencyName: SERVICE_SEAL.name,
    bookLabel: '',
    verifyCode,
    issuedAt: at,
    issuedBy: actor,
  });
  await transact(services.db, [
    ...services.documents.createItems(record),
    services.audit.appendItem(`DOC#${documentId}`, { at, actor, action: 'issue-receipt', data: { verdict: what.outcome.verdict, ...(what.doc ? { checkedDocumentId: what.doc.id } : {}) } }),
  ]);
  return pdf;
}
