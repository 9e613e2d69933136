import { httpHandler } from '../../shared/http/handler';
import { raw } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { appointmentSlip } from '../../shared/use-cases/appointment-slip';

/** GET /api/requests/{id}/appointment-slip — the phiếu hẹn (PDF) whenever the result is not due on the day of receipt. */
export const handler = httpHandler('requests-appointment-slip', async ({ params, principal }) =>
  raw(200, await appointmentSlip(getServices(), principal!, params.id), 'application/pdf', {
    'content-disposition': 'inline; filename="phieu-hen.pdf"',
  }),
);
