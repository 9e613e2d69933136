import { ConflictError } from '../domain/errors';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { BUCKETS } from '../store/table';
import { assertOwnerOrAgency } from './access';
import { loadRequest } from './load';

/** Largest written reply served back (a one-page signed PDF is ~100 kB). */
const MAX_REPLY_BYTES = 5 * 1024 * 1024;

/**
 * Where a request's written reply (Decree 23/2015 Art. 17(2)) is kept: one per request (a refusal
 * is final), so the key is derived rather than stored, and a retried decision writes the same object.
 */
export const replyKey = (requestId: string) => `${BUCKETS.issued.prefixes.replies}${requestId}.pdf`;

/** The signed written reply of a refused register-copy request, for its owner or the agency. */
export async function registerRefusalReply(services: Services, principal: Principal, requestId: string): Promise<Uint8Array> {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  if (request.entitlement?.status !== 'refused') throw new ConflictError('Hồ sơ này không có văn bản trả lời từ chối.');
  return services.objects.getBytes(services.buckets.issued, replyKey(request.id), MAX_REPLY_BYTES);
}
