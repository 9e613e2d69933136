import type { Principal } from '../domain/roles';
import { limits } from '../runtime/config';
import type { Services } from '../runtime/services';
import type { VerificationReport } from '../verification';
import { sharedDocument } from './shares';
import { verifyFile } from './verify';

/**
 * Verifies the file a share link holds, on the server: the holder (a bank clerk) need not
 * download and upload it again. The same verification as an uploaded file — signatures, chain,
 * registry, hash — run on the stored object; an unknown, expired or withdrawn link is a 404 and a
 * revoked copy a 410 with its notice, as for the link itself.
 */
export async function verifySharedFile(services: Services, principal: Principal | undefined, token: string): Promise<VerificationReport> {
  const doc = await sharedDocument(services, token);
  const bytes = await services.objects.getBytes(services.buckets.issued, doc.s3Key, limits().maxVerifyUploadBytes);
  return verifyFile(services, principal, bytes);
}
