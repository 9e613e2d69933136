import { httpHandler } from '../../shared/http/handler';
import { raw } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { registerRefusalReply } from '../../shared/use-cases/register-refusal-reply';

/** GET /api/requests/{id}/refusal — the signed written reply refusing a copy from a master register (Decree 23/2015 Art. 17(2)). */
export const handler = httpHandler('requests-refusal', async ({ params, principal }) =>
  raw(200, await registerRefusalReply(getServices(), principal!, params.id), 'application/pdf', {
    'content-disposition': 'inline; filename="van-ban-tra-loi.pdf"',
  }),
);
