import { ConflictError } from '../domain/errors';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { refusalKey } from '../store/table';
import { assertOwnerOrAgency } from './access';
import { loadRequest } from './load';

/** A written refusal is one or two pages of text and a signature: far below this bound. */
const MAX_REFUSAL_BYTES = 5 * 1024 * 1024;

/**
 * The signed written refusal of a request, whichever procedure refused it: the refusal to certify
 * (Decree 23/2015 Art. 22) or the reply refusing a copy from a master register (Art. 17(2)). For
 * its owner or the agency's officials: the bytes stored when the refusal was recorded, so every
 * download is identical.
 */
export async function refusalDocument(services: Services, principal: Principal, requestId: string): Promise<Uint8Array> {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  if (request.status !== 'rejected' || !request.rejection) throw new ConflictError('Hồ sơ không bị từ chối nên không có văn bản từ chối.');
  if (!request.rejection.documentId) throw new ConflictError('Hồ sơ bị từ chối trước khi có văn bản từ chối điện tử; lý do từ chối được ghi trong hồ sơ.');
  return services.objects.getBytes(services.buckets.issued, refusalKey(requestId, request.rejection.documentId), MAX_REFUSAL_BYTES);
}
