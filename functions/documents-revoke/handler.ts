import { httpHandler, pathParam } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { RevokeSchema, revokeDocument } from '../../shared/use-cases/revoke-document';

/** POST /api/documents/{id}/revoke {reason} — cancellation decision by the issuing agency. */
export const handler = httpHandler(
  'documents-revoke',
  async ({ event, body, principal }) => json(200, await revokeDocument(getServices(), principal!, pathParam(event, 'id'), validate(RevokeSchema, body))),
  { body: 'json' },
);
