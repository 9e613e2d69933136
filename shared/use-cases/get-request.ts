import type { Principal } from '../domain/roles';
import type { Services } from '../services';
import { assertOwnerOrAgency } from './access';
import { loadRequest } from './load';

/** One request with its originals (metadata only) and its history, for its owner or its agency. */
export async function getRequest(services: Services, principal: Principal, requestId: string) {
  const request = await loadRequest(services, requestId);
  assertOwnerOrAgency(principal, request);
  const [originals, history] = await Promise.all([services.requests.originals(requestId), services.audit.history(`REQ#${requestId}`)]);
  return {
    ...request,
    originals: originals.map(({ s3Key: _key, ...o }) => o),
    history: history.map((h) => ({ at: h.at, actor: { role: h.actor.role, name: h.actor.name }, action: h.action, from: h.from, to: h.to, reason: h.reason })),
  };
}
