import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { endAgencySigner } from '../../shared/use-cases/agency-signers';

/** POST /api/agencies/{id}/signers/{signerId}/end {validTo?, reason?} — an admin ends a signer record (kept). */
export const handler = httpHandler(
  'agency-signers-end',
  async ({ params, body, principal }) => json(200, await endAgencySigner(getServices(), principal!, params.id, params.signerId, body))
);
