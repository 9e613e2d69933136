import { httpHandler } from '../../shared/http/handler';
import { raw } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { refusalDocument } from '../../shared/use-cases/refusal-document';

/** GET /api/requests/{id}/refusal — the signed written refusal (PDF, agency seal; Decree 23/2015 Art. 22). */
export const handler = httpHandler('requests-refusal', async ({ params, principal }) =>
  raw(200, await refusalDocument(getServices(), principal!, params.id), 'application/pdf', {
    'content-disposition': 'attachment; filename="van-ban-tu-choi.pdf"',
  }),
);
