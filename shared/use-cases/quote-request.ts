import type { Quote } from '../contracts/requests';
import { computeDueAt } from '../domain/due-time';
import { ConflictError, OriginalRejectedError } from '../domain/errors';
import { isEntitled } from '../domain/entitlement';
import { certifyCopyFeePerCopy, registerCopyFee } from '../domain/fee';
import { inspectOriginal } from '../pdf/inspect-original';
import { limits } from '../runtime/config';
import type { Services } from '../runtime/services';
import type { Principal } from '../domain/roles';
import { assertOwnerOrAgency } from './access';
import { loadRequest } from './load';
import { IMAGE_LIMITS } from './submit-request';

/**
 * What a draft will cost and when it will be due if submitted now, for its owner (or the agency)
 * to review before pressing submit: the pages counted on the uploads as submit counts them, the
 * fee of Circular 226/2016/TT-BTC Art. 4 (a register copy: the register's fee per copy), and the
 * due time of Decree 23/2015 Art. 7(1). Reads only: submit inspects and records again.
 */
export async function quoteRequest(services: Services, principal: Principal, requestId: string): Promise<Quote> {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  if (request.status !== 'draft') throw new ConflictError('Hồ sơ đã nộp: lệ phí và thời hạn đã được ghi trong hồ sơ.');
  const now = services.now();
  let pages: number;
  let fee: number;
  let dueKnown = true;
  if (request.kind === 'certify-copy') {
    const originals = await services.requests.originals(requestId);
    if (originals.length === 0) throw new ConflictError('Hồ sơ chưa có bản gốc nào được tải lên.');
    const { maxOriginalBytes, maxPagesPerRequest } = limits();
    pages = 0;
    for (const o of originals) {
      const size = await services.objects.size(services.buckets.originals, o.s3Key);
      if (size === undefined) throw new OriginalRejectedError(`Tệp "${o.fileName}" chưa được tải lên (hoặc tải lên chưa xong).`, { extra: { fileName: o.fileName } });
      if (size !== o.size || size > maxOriginalBytes) throw new OriginalRejectedError(`Tệp "${o.fileName}" có dung lượng khác với dung lượng đã khai báo hoặc vượt giới hạn.`, { extra: { fileName: o.fileName } });
      const bytes = await services.objects.getBytes(services.buckets.originals, o.s3Key, maxOriginalBytes);
      const result = await inspectOriginal(bytes, { fileName: o.fileName, contentType: o.contentType }, { maxPages: maxPagesPerRequest - pages, ...IMAGE_LIMITS }).catch((e: unknown) => {
        if (e instanceof OriginalRejectedError) throw new OriginalRejectedError(e.detail, { cause: e, extra: { fileName: o.fileName } });
        throw e;
      });
      pages += result.pages;
    }
    // One original, one copy: the per-page fee on all its pages (Circular 226/2016 Art. 4), as submit records it.
    fee = certifyCopyFeePerCopy(pages);
  } else {
    const register = request.registerId ? await services.registers.get(request.registerId) : undefined;
    if (!register) throw new ConflictError(`Sổ gốc ${request.registerId} không còn được quản lý.`);
    pages = 1;
    fee = registerCopyFee(register.feePerCopy, 1);
    // Someone other than the entry's subject waits for an official's decision on their right first (Art. 16(2), 17(1)).
    dueKnown = isEntitled(request.entitlement);
  }
  return { pages, fee, ...(dueKnown ? { dueAt: computeDueAt(now, services.calendar).toISOString() } : {}), quotedAt: now.toISOString() };
}
