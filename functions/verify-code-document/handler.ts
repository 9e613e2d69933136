import { httpHandler } from '../../shared/http/handler';
import { raw } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { documentByCode } from '../../shared/use-cases/verify';

/** GET /api/verify/{code}/document — the issued PDF itself, for the page-by-page preview (unless its owner turned it off). */
export const handler = httpHandler('verify-code-document', async ({ params, caller }) =>
  raw(200, await documentByCode(getServices(), caller, params.code), 'application/pdf', { 'content-disposition': 'inline; filename="ban-sao.pdf"' }),
);
