import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { addAgencySigner } from '../../shared/use-cases/agency-signers';

/** POST /api/agencies/{id}/signers {userSub, title, basis, validFrom?, validTo?} — an admin records a signer. */
export const handler = httpHandler(
  'agency-signers-add',
  async ({ params, body, principal }) => json(201, await addAgencySigner(getServices(), principal!, params.id, body))
);
