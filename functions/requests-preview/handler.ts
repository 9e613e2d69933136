import { httpHandler } from '../../shared/http/handler';
import { raw } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { attestationPreview } from '../../shared/use-cases/attestation-preview';

/** GET /api/requests/{id}/attestation-preview — the lời chứng before signing: unnumbered, unsigned, watermarked (PDF, inline). */
export const handler = httpHandler('requests-preview', async ({ params, principal }) =>
  raw(200, await attestationPreview(getServices(), principal!, params.id), 'application/pdf', {
    'content-disposition': 'inline; filename="xem-truoc-loi-chung.pdf"',
  }),
);
