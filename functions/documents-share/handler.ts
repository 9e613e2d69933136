import { httpHandler, pathParam } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { validate } from '../../shared/http/validate';
import { getServices } from '../../shared/services';
import { ShareSchema, shareDocument } from '../../shared/use-cases/documents';

/** POST /api/documents/{id}/shares {expiresInHours} — an expiring share link. */
export const handler = httpHandler(
  'documents-share',
  async ({ event, body, principal }) =>
    json(201, await shareDocument(getServices(), principal!, pathParam(event, 'id'), validate(ShareSchema, body))),
  { body: 'json' },
);
