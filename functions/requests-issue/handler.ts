import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getSigningServices } from '../../shared/runtime/signing-services';
import { issueRegisterCopy } from '../../shared/use-cases/issue-register-copy';

/** POST /api/requests/{id}/issue — copy from a master register: 201 {documentId, certificationNo, verifyCode, verifyUrl}. */
export const handler = httpHandler('requests-issue', async ({ params, principal }) =>
  json(201, await issueRegisterCopy(getSigningServices(), principal!, params.id)),
);
