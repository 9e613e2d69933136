import { formatVnDateTime } from '../domain/dates';
import { ConflictError } from '../domain/errors';
import type { Principal } from '../domain/roles';
import { renderAppointmentSlip } from '../pdf/appointment-slip';
import type { Services } from '../runtime/services';
import { assertOwnerOrAgency } from './access';
import { loadRequest } from './load';

/** The appointment slip PDF of an extended request, for its owner or the agency. */
export async function appointmentSlip(services: Services, principal: Principal, requestId: string): Promise<Uint8Array> {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  if (!request.extension || !request.dueAt) throw new ConflictError('Hồ sơ không được gia hạn nên không có phiếu hẹn.');
  const agency = await services.directory.agency(request.agencyId);
  return renderAppointmentSlip({
    agencyName: agency?.name ?? request.agencyId,
    parentName: agency?.parentName,
    citizenId: request.citizenId,
    requestTitle: request.title,
    requestId: request.id,
    receivedAtText: formatVnDateTime(new Date(request.submittedAt ?? request.createdAt)),
    dueAtText: formatVnDateTime(new Date(request.dueAt)),
    reason: request.extension.reason,
    officialName: request.extension.by.name ?? '',
  });
}
