import { limits } from '../runtime/config';
import { ConflictError, OriginalRejectedError } from '../domain/errors';
import { computeDueAt } from '../domain/due-time';
import { certifyCopyFeePerCopy, registerCopyFee } from '../domain/fee';
import { actorOf, type Original, type RequestRecord } from '../domain/request';
import { isEntitled } from '../domain/entitlement';
import { nextStatus } from '../domain/request-state';
import type { Principal } from '../domain/roles';
import { inspectOriginal } from '../pdf/inspect-original';
import type { Services } from '../runtime/services';
import { receivedDelta, statsDay } from '../domain/stats';
import { BUCKETS } from '../store/table';
import { transact } from '../store/transact';
import { assertOwnerOrAgency, isAgencyOfficial } from './access';
import { loadRequest } from './load';
import { rethrowMoved } from './request-moved';

/** Image sides and pixel counts beyond any real scan (A0 at 600 dpi is ~20000 px). */
export const IMAGE_LIMITS = { maxImageSide: 20_000, maxImagePixels: 150e6 };

/**
 * Moves a draft to `submitted` after inspecting every original from S3 (type by magic number,
 * PDF parses and is not encrypted, page count, image header sanity). Each upload is first copied
 * to `submitted/<requestId>/<attempt>/<originalId>`, a key no upload URL can write; the copy is
 * what is inspected, hashed, shown to the official and certified. Records pages, SHA-256 and the
 * copy's key per original, the fee and the due time. Any unacceptable original → 422 naming the
 * file, and the request stays a draft (nothing is recorded; the copies of a failed attempt are
 * referenced by nothing and expire with the `submitted/` lifecycle rule).
 */
export async function submitRequest(services: Services, principal: Principal, requestId: string): Promise<RequestRecord> {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  let inspected: Original[] = [];
  let pages: number;
  let fee: number;
  let to = nextStatus(request.status, 'submit');
  if (request.kind === 'certify-copy') {
    const originals = await services.requests.originals(requestId);
    if (originals.length === 0) throw new ConflictError('Hồ sơ chưa có bản gốc nào được tải lên.');
    inspected = await inspectUploads(services, requestId, originals);
    pages = inspected.reduce((n, o) => n + (o.pages ?? 0), 0);
    // One original, one electronic copy (one file, one number: Decree 23 Art. 20(3)); its fee is the
    // per-page fee counted on all the pages of the original's scan (Circular 226/2016 Art. 4).
    fee = certifyCopyFeePerCopy(pages);
  } else {
    // The entry is not read here: whether it exists or whose it is must not show in this answer
    // (no oracle); the register itself is public (the agency list names it).
    const register = request.registerId ? await services.registers.get(request.registerId) : undefined;
    if (!register) throw new ConflictError(`Sổ gốc ${request.registerId} không còn được quản lý.`);
    if (!isEntitled(request.entitlement)) {
      // Decree 23/2015 Art. 17(1) (as amended by Decree 07/2025): anyone but the subject shows the
      // papers proving the relationship or the authorisation; an official decides on them.
      const evidence = await services.requests.originals(requestId);
      if (request.entitlement && request.entitlement.ground !== 'self' && evidence.length === 0) {
        throw new ConflictError('Hãy tải lên giấy tờ chứng minh quan hệ với người được cấp bản chính hoặc văn bản ủy quyền trước khi nộp.');
      }
      inspected = await inspectUploads(services, requestId, evidence);
      to = nextStatus(request.status, 'submit-for-entitlement');
    }
    pages = 1;
    fee = registerCopyFee(register.feePerCopy, 1);
  }
  const now = services.now();
  const actor = actorOf(principal);
  // A counter request that an official of the agency files with their own scan: the official had
  // the paper original in hand and captured it, which is the check of Decree 45/2020 Art. 10(3).
  const capturedHere = request.kind === 'certify-copy' && request.channel === 'counter' && isAgencyOfficial(principal, request.agencyId) && !request.originalCheck;
  const originalCheck = capturedHere ? { method: 'captured-by-official' as const, at: now.toISOString(), by: actor } : undefined;
  const next: RequestRecord = {
    ...request,
    // An electronic copy is one file (Decree 23 Art. 20(3)); drafts filed before this rule may say more.
    copies: 1,
    ...(originalCheck ? { originalCheck } : {}),
    status: to,
    pages,
    fee,
    submittedAt: now.toISOString(),
    dueAt: computeDueAt(now, services.calendar).toISOString(),
    updatedAt: now.toISOString(),
  };
  await transact(services.db, [
    services.requests.replaceItem(next, request),
    ...inspected.map((o) => ({
      Update: {
        TableName: services.tableName,
        Key: { PK: `REQ#${requestId}`, SK: `ORIG#${o.originalId}` },
        UpdateExpression: 'SET pages = :p, sha256 = :h, submittedKey = :k',
        ExpressionAttributeValues: { ':p': o.pages, ':h': o.sha256, ':k': o.submittedKey },
      },
    })),
    services.audit.appendItem(`REQ#${requestId}`, { at: next.updatedAt, actor, action: 'submit', from: request.status, to, data: { pages, fee } }),
    ...(originalCheck ? [services.audit.appendItem(`REQ#${requestId}`, { at: originalCheck.at, actor, action: 'original-check', data: { method: originalCheck.method } })] : []),
    ...services.stats.bumpItems(request.agencyId, statsDay(now), receivedDelta(request.kind, request.channel)),
  ]).catch(rethrowMoved);
  return next;
}

/**
 * Copies each upload to `submitted/<requestId>/<attempt>/<originalId>` and inspects the copy (one
 * folder per attempt: a concurrent or failed attempt never overwrites the copy that the committed
 * one recorded). Returns the originals with their pages, SHA-256 and copy key.
 */
async function inspectUploads(services: Services, requestId: string, originals: Original[]): Promise<Original[]> {
  const { maxOriginalBytes, maxPagesPerRequest } = limits();
  const inspected: Original[] = [];
  let total = 0;
  const attempt = services.newId();
  for (const o of originals) {
    const size = await services.objects.size(services.buckets.originals, o.s3Key);
    if (size === undefined) throw new OriginalRejectedError(`Tệp "${o.fileName}" chưa được tải lên (hoặc tải lên chưa xong).`, { extra: { fileName: o.fileName } });
    if (size !== o.size || size > maxOriginalBytes) throw sizeMismatch(o, size);
    // Copy first, then inspect the copy: what is hashed is exactly what the official will see and
    // certify, whatever is PUT to the upload URL meanwhile or later.
    const submittedKey = `${BUCKETS.originals.prefixes.submitted}${requestId}/${attempt}/${o.originalId}`;
    await services.objects.copy(services.buckets.originals, o.s3Key, submittedKey);
    const bytes = await services.objects.getBytes(services.buckets.originals, submittedKey, maxOriginalBytes);
    if (bytes.length !== o.size) throw sizeMismatch(o, bytes.length);
    const result = await inspectOriginal(bytes, { fileName: o.fileName, contentType: o.contentType }, { maxPages: maxPagesPerRequest - total, ...IMAGE_LIMITS }).catch((e: unknown) => {
      if (e instanceof OriginalRejectedError) throw new OriginalRejectedError(e.detail, { cause: e, extra: { fileName: o.fileName } });
      throw e;
    });
    total += result.pages;
    inspected.push({ ...o, pages: result.pages, sha256: result.sha256, submittedKey });
  }
  return inspected;
}

/** The 422 for an upload whose length is not the declared one (or beyond the limit). */
function sizeMismatch(o: Original, size: number): OriginalRejectedError {
  return new OriginalRejectedError(`Tệp "${o.fileName}" có dung lượng ${size} byte, khác với dung lượng đã khai báo (${o.size} byte) hoặc vượt giới hạn.`, {
    extra: { fileName: o.fileName },
  });
}
