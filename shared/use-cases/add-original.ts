import { limits } from '../runtime/config';
import { isEntitled } from '../domain/entitlement';
import { ConflictError, PayloadTooLargeError, ValidationError } from '../domain/errors';
import { plainText } from '../domain/text';
import type { AddOriginalInput } from '../contracts/requests';
import type { Original } from '../domain/request';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { BUCKETS } from '../store/table';
import { transact } from '../store/transact';
import { assertOwnerOrAgency } from './access';
import { loadRequest } from './load';

/** Most files in one request; bounded so that submit records them all in one transaction (≤ 100 items). */
export const MAX_ORIGINALS_PER_REQUEST = 50;

/**
 * Declares one original and hands out a presigned PUT for it. The declared type and size are
 * checked here and signed into the URL (S3 refuses another Content-Length or Content-Type); the
 * bytes themselves are inspected at submit (the URL cannot stop a liar about what they are).
 */
export async function addOriginal(services: Services, principal: Principal, requestId: string, input: AddOriginalInput) {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  // A register copy takes uploads only as evidence of the requester's right (Decree 23/2015 Art.
  // 17(1) as amended by Decree 07/2025); the entry's own subject needs none.
  if (request.kind !== 'certify-copy' && isEntitled(request.entitlement)) throw new ConflictError('Yêu cầu cấp bản sao từ sổ gốc của chính mình không cần tải giấy tờ lên.');
  if (request.status !== 'draft') throw new ConflictError('Chỉ được tải bản gốc lên khi hồ sơ còn ở trạng thái nháp.');
  const { maxOriginalBytes, uploadUrlTtlSeconds } = limits();
  if (input.size > maxOriginalBytes) {
    throw new PayloadTooLargeError(`Tệp "${safeFileName(input.fileName)}" có dung lượng ${input.size} byte, vượt quá giới hạn ${maxOriginalBytes} byte.`);
  }
  const existing = await services.requests.originals(requestId);
  if (existing.length >= MAX_ORIGINALS_PER_REQUEST) {
    throw new ConflictError(`Một hồ sơ có tối đa ${MAX_ORIGINALS_PER_REQUEST} tệp bản gốc.`);
  }

  const originalId = services.newId();
  const original: Original = {
    originalId,
    fileName: safeFileName(input.fileName),
    contentType: input.contentType,
    size: input.size,
    ...(input.side ? { side: input.side } : {}),
    // The key is ours, never derived from the file name, so names cannot play path tricks.
    s3Key: `${BUCKETS.originals.prefixes.originals}${requestId}/${originalId}`,
    uploadedAt: services.now().toISOString(),
  };
  await transact(services.db, [services.requests.originalItem(requestId, original)]);
  const { url, headers } = await services.objects.presignPut(
    services.buckets.originals,
    original.s3Key,
    { contentType: original.contentType, contentLength: original.size },
    uploadUrlTtlSeconds,
  );
  return {
    originalId,
    fileName: original.fileName,
    uploadUrl: url,
    uploadMethod: 'PUT' as const,
    uploadHeaders: headers,
    expiresAt: new Date(services.now().getTime() + uploadUrlTtlSeconds * 1000).toISOString(),
  };
}

/**
 * The base name only, cleaned as any typed text (`plainText`: a right-to-left override makes
 * "x\u202Efdp.exe" display as "xexe.pdf"), without the characters file systems refuse or path
 * separators; kept for display.
 */
export function safeFileName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = plainText(base).replace(/[<>:"|?*]/g, '').replace(/^\.+/, '').trim();
  if (!clean) throw new ValidationError(`Tên tệp "${name.slice(0, 50)}" không hợp lệ.`);
  return clean.slice(0, 200);
}
