import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getSigningServices } from '../../shared/runtime/signing-services';
import { decideEntitlement } from '../../shared/use-cases/register-entitlement';

/** POST /api/requests/{id}/entitlement {decision, note, refusalGround?} — an official's decision on a register-copy requester's right. */
export const handler = httpHandler('requests-entitlement', async ({ params, body, principal }) =>
  json(200, await decideEntitlement(getSigningServices(), principal!, params.id, body)),
);
