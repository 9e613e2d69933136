import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { listAgencySigners } from '../../shared/use-cases/agency-signers';

/** GET /api/agencies/{id}/signers — the agency's signer records, current and past. */
export const handler = httpHandler(
  'agency-signers-list',
  async ({ params, principal }) => json(200, { items: await listAgencySigners(getServices(), principal!, params.id) })
);
