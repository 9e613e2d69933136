import { formatVnDate, formatVnDateTime } from '../domain/dates';
import { needsAppointmentSlip, formatAppointmentSlipNo } from '../domain/due-time';
import { ConflictError } from '../domain/errors';
import { numberingYear } from '../domain/numbering';
import { actorOf, requesterNameOf, type AppointmentSlip, type RequestRecord } from '../domain/request';
import type { Principal } from '../domain/roles';
import { renderAppointmentSlip } from '../pdf/appointment-slip';
import type { Services } from '../runtime/services';
import type { Agency } from '../store/directory-repo';
import { ConditionFailedError, transact } from '../store/transact';
import { assertOwnerOrAgency } from './access';
import { withLock } from './keyed-lock';
import { loadRequest } from './load';

/** How often a slip number taken meanwhile (another process) is retried. */
const MAX_ATTEMPTS = 8;

/**
 * The appointment slip (phiếu hẹn) of a request, for its owner or the agency: given whenever the
 * result is not due on the day the request was received — received after 15:00 or on a day off,
 * or extended (Circular 01/2020/TT-BTP Art. 2; Decree 23/2015 Art. 7(1), Art. 21(4)). The first
 * download numbers the slip (docs/legal.md); later ones print the same number and receiver.
 */
export async function appointmentSlip(services: Services, principal: Principal, requestId: string): Promise<Uint8Array> {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  if (!request.submittedAt || !request.dueAt) throw new ConflictError('Hồ sơ chưa được nộp nên chưa có phiếu hẹn.');
  if (!needsAppointmentSlip(new Date(request.submittedAt), new Date(request.dueAt))) {
    throw new ConflictError('Hồ sơ được trả kết quả ngay trong ngày tiếp nhận nên không có phiếu hẹn.');
  }
  const agency = await services.directory.agency(request.agencyId);
  const { request: numbered, slip } = request.appointmentSlip ? { request, slip: request.appointmentSlip } : await numberSlip(services, principal, request, agency);
  // The appointment is made when the request is received, or anew when the due time is extended.
  const madeAt = new Date(numbered.extension?.at ?? numbered.submittedAt ?? numbered.createdAt);
  return renderAppointmentSlip({
    slipNo: slip.no,
    agencyName: agency?.name ?? numbered.agencyId,
    parentName: agency?.parentName,
    place: agency?.province,
    dateText: formatVnDate(madeAt),
    citizenName: requesterNameOf(numbered),
    citizenId: numbered.citizenId,
    requestTitle: numbered.title,
    requestId: numbered.id,
    receivedAtText: formatVnDateTime(new Date(numbered.submittedAt ?? numbered.createdAt)),
    dueAtText: formatVnDateTime(new Date(numbered.dueAt!)),
    reason: numbered.extension?.reason,
    agreement: numbered.extension?.agreement ? `${numbered.extension.agreement.note} (${numbered.extension.agreement.date})` : undefined,
    officialName: slip.receivedBy,
  });
}

/**
 * Who received the request, as printed on the slip: at the counter, the official who filed it;
 * online, nobody received it in person — the official who first acted on it (the one who extended
 * it) if any, else the agency itself (its one-stop desk). Fixed when the slip is numbered.
 */
export function receivingOfficial(request: RequestRecord, agency: Pick<Agency, 'name'> | undefined): string {
  if (request.channel === 'counter' && request.createdBy.name) return request.createdBy.name;
  if (request.extension?.by.name) return request.extension.by.name;
  return `Bộ phận tiếp nhận và trả kết quả — ${agency?.name ?? request.agencyId} (tiếp nhận trực tuyến)`;
}

/**
 * Gives the request the agency's next slip number of the year, in one transaction with the
 * counter (guarded by the value read) and the request (guarded by its state): a number goes to
 * one request only, and a request numbered meanwhile keeps the number it got.
 */
async function numberSlip(services: Services, principal: Principal, request: RequestRecord, agency: Agency | undefined): Promise<{ request: RequestRecord; slip: AppointmentSlip }> {
  const year = numberingYear(services.now());
  return withLock(`slip#${request.agencyId}#${year}`, async () => {
    let current = request;
    for (let attempt = 1; ; attempt++) {
      const seq = (await services.slips.current(current.agencyId, year)) + 1;
      const at = services.now().toISOString();
      const slip: AppointmentSlip = { no: formatAppointmentSlipNo(seq, year), seq, year, at, receivedBy: receivingOfficial(current, agency) };
      const next: RequestRecord = { ...current, appointmentSlip: slip, updatedAt: at };
      try {
        await transact(services.db, [
          services.slips.takeItem(current.agencyId, year, seq - 1),
          services.requests.replaceItem(next, current),
          services.audit.appendItem(`REQ#${current.id}`, { at, actor: actorOf(principal), action: 'appointment-slip', data: { no: slip.no } }),
        ]);
        return { request: next, slip };
      } catch (e) {
        if (!(e instanceof ConditionFailedError) || attempt >= MAX_ATTEMPTS) {
          if (e instanceof ConditionFailedError) throw new ConflictError('Đang cấp số phiếu hẹn; vui lòng thử lại sau giây lát.', { cause: e });
          throw e;
        }
        if (e.failed.includes(1)) {
          current = await loadRequest(services, current.id);
          if (current.appointmentSlip) return { request: current, slip: current.appointmentSlip };
        }
      }
    }
  });
}
