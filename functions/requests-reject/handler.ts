import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getSigningServices } from '../../shared/runtime/signing-services';
import { rejectRequest } from '../../shared/use-cases/reject-request';

/** POST /api/requests/{id}/reject {reasonCode, detail?} — refusal with a legal ground, issued as a written refusal signed with the agency's seal. */
export const handler = httpHandler('requests-reject', async ({ params, body, principal }) => json(200, await rejectRequest(getSigningServices(), principal!, params.id, body)));
