import { attestationPreviewLines } from '../domain/attestation';
import { ConflictError } from '../domain/errors';
import type { Principal } from '../domain/roles';
import { composeAttestationPreview } from '../pdf/attestation-preview';
import type { Services } from '../runtime/services';
import { assertAgencyOfficial } from './access';
import { competentSignerAt } from '../domain/signers';
import { loadRequest } from './load';

/**
 * The lời chứng the official is about to sign, as a watermarked, unsigned, unnumbered page
 * (shared/pdf/attestation-preview.ts), for an official of the request's agency only. The title
 * printed is the caller's signer record valid now (Decree 23/2015 Art. 5 as amended by Decree
 * 280/2025), so a missing or ended record shows here before certify refuses.
 */
export async function attestationPreview(services: Services, principal: Principal, requestId: string): Promise<Uint8Array> {
  const request = await loadRequest(services, requestId);
  assertAgencyOfficial(principal, request.agencyId);
  if (request.kind !== 'certify-copy') throw new ConflictError('Chỉ hồ sơ chứng thực bản sao từ bản chính có lời chứng để xem trước.');
  if (request.status !== 'submitted') throw new ConflictError(`Chỉ xem trước được lời chứng của hồ sơ đang chờ xử lý; hồ sơ này đang ở trạng thái "${request.status}".`);
  const now = services.now();
  const [profile, agency, signers] = await Promise.all([
    services.directory.user(principal.sub),
    services.directory.agency(request.agencyId),
    services.agencySigners.list(request.agencyId),
  ]);
  const record = competentSignerAt(signers, principal.sub, now);
  const lines = attestationPreviewLines({
    certifiedAt: now,
    official: { fullName: profile?.fullName ?? principal.name ?? principal.sub, title: record?.title ?? '(chưa có trong danh sách người ký của cơ quan)' },
    agencyName: agency?.name ?? request.agencyId,
  });
  return composeAttestationPreview({ lines, title: request.title, pages: request.pages });
}
