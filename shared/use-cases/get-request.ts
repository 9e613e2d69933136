import { limits } from '../runtime/config';
import { NotFoundError } from '../domain/errors';
import { needsAppointmentSlip } from '../domain/due-time';
import { reviewedKey } from '../domain/request';
import type { Principal } from '../domain/roles';
import type { Services } from '../runtime/services';
import { assertOwnerOrAgency } from './access';
import { loadRequest } from './load';

/**
 * One request with its originals (metadata only) and its history, for its owner or its agency.
 * The history is the request's audit trail (every state move, issuance, extension, share and
 * revocation) merged with the verifications of its document, oldest first.
 */
export async function getRequest(services: Services, principal: Principal, requestId: string) {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  const [originals, trail, verifications, document] = await Promise.all([
    services.requests.originals(requestId),
    services.audit.history(`REQ#${requestId}`),
    // The newest signed-in checks; the whole log, and the anonymous counts, are on the document's own route.
    request.documentId ? services.documents.verifications(request.documentId, { limit: 100 }).then((p) => p.items) : Promise.resolve([]),
    // The copy's own status: a revoked copy must not read as "issued" to its owner.
    request.documentId ? services.documents.get(request.documentId) : Promise.resolve(undefined),
  ]);
  const history = [
    ...trail.map((h) => ({ at: h.at, actor: { role: h.actor.role as string, name: h.actor.name }, action: h.action, from: h.from, to: h.to, reason: h.reason })),
    ...verifications.map((v) => ({
      at: String(v.at),
      actor: { role: v.verifierAgencyId ? 'verifier' : 'anonymous', name: typeof v.verifierName === 'string' ? v.verifierName : undefined },
      action: 'verify',
      from: undefined,
      to: String(v.verdict),
      reason: undefined,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const base = `/api/requests/${encodeURIComponent(requestId)}`;
  const slip = request.submittedAt && request.dueAt && needsAppointmentSlip(new Date(request.submittedAt), new Date(request.dueAt));
  return {
    ...request,
    ...(slip ? { appointmentSlipUrl: `${base}/appointment-slip` } : {}),
    ...(request.rejection?.documentId ? { refusalUrl: `${base}/refusal` } : {}),
    originals: originals.map(({ s3Key: _key, submittedKey: _submitted, ...o }) => o),
    history,
    ...(document ? { documentStatus: document.status } : {}),
    ...(document?.revocation ? { documentRevocation: { at: document.revocation.at, reason: document.revocation.reason } } : {}),
  };
}

/**
 * A presigned GET of one original scan, for the owner or the agency's officials to view: once
 * submitted, the copy taken at submit (the bytes that were inspected and will be certified).
 */
export async function originalViewUrl(services: Services, principal: Principal, requestId: string, originalId: string) {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  const original = (await services.requests.originals(requestId)).find((o) => o.originalId === originalId);
  if (!original) throw new NotFoundError('Không tìm thấy bản gốc này trong hồ sơ.');
  const ttl = limits().downloadUrlTtlSeconds;
  const url = await services.objects.presignGetAs(services.buckets.originals, reviewedKey(original), ttl, original.fileName, original.contentType, 'inline');
  return { url, fileName: original.fileName, contentType: original.contentType, expiresAt: new Date(services.now().getTime() + ttl * 1000).toISOString() };
}
