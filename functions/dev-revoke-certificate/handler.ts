import { ENV } from '../../shared/runtime/config';
import { ForbiddenError, NotFoundError } from '../../shared/domain/errors';
import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { devCertificateAuthority } from '../../shared/runtime/dev-ca';
import { getServices } from '../../shared/runtime/services';

/**
 * POST /api/dev/signers/{identityKind}/{identityId}/revoke-certificate {reason} — LOCAL STACK ONLY:
 * an admin has the dev CA revoke the current certificate of an official of their agency, or of the
 * agency's seal. The CRL changes at once; the identity gets a new certificate only at the next
 * start of the stack (docs/long-term-validation.md), so until then signing with it is refused.
 */
export const handler = httpHandler('dev-revoke-certificate', async ({ params, body, principal }) => {
  const ca = devCertificateAuthority();
  if (process.env[ENV.devLogin] !== 'true' || !ca) throw new NotFoundError();
  const owner = params.identityKind === 'agency' ? params.identityId : (await getServices().directory.user(params.identityId))?.agencyId;
  if (owner === undefined) throw new NotFoundError('Không tìm thấy người ký này.');
  if (owner !== principal!.agencyId) throw new ForbiddenError('Chỉ quản trị viên của cơ quan mới được thu hồi chứng thư số của cơ quan mình.');
  const revoked = await ca.revoke(params.identityKind, params.identityId, body.reason);
  if (!revoked) throw new NotFoundError('Cơ quan chứng thực thử nghiệm không có chứng thư số của người ký này.');
  return json(200, revoked);
});
