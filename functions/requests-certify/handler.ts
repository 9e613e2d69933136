import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getSigningServices } from '../../shared/runtime/signing-services';
import { certifyRequest } from '../../shared/use-cases/certify-request';

/** POST /api/requests/{id}/certify — compose, sign twice, number, store: 201 {documentId, certificationNo, verifyCode, verifyUrl}. */
export const handler = httpHandler('requests-certify', async ({ params, principal }) =>
  json(201, await certifyRequest(getSigningServices(), principal!, params.id)),
);
