import { httpHandler } from '../../shared/http/handler';
import { raw } from '../../shared/http/responses';
import { trustListPem } from '../../shared/runtime/trust-list';

/** GET /api/trust-list — the trust anchors as PEM, to configure offline validators (pdfsig, Acrobat). */
export const handler = httpHandler('trust-list', async () =>
  raw(200, trustListPem(), 'application/x-pem-file; charset=utf-8', {
    'content-disposition': 'inline; filename="bansao-trust-list.pem"',
    'cache-control': 'public, max-age=300',
  }),
);
