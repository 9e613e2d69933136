import { ForbiddenError } from '../domain/errors';
import type { DocumentRecord } from '../domain/document';
import type { RequestRecord } from '../domain/request';
import type { Principal } from '../domain/roles';

/**
 * Ownership rules, checked by every handler after the route table's role check: a citizen acts
 * only on what was filed for their CCCD number; an official only on their agency's work.
 */
export function isOwner(principal: Principal, owned: { citizenId?: string }): boolean {
  return principal.role === 'citizen' && principal.citizenId !== undefined && principal.citizenId === owned.citizenId;
}

/** True for an official of the given agency. */
export function isAgencyOfficial(principal: Principal, agencyId: string): boolean {
  return principal.role === 'official' && principal.agencyId === agencyId;
}

/** The owner or an official of the request's agency may read it (and act on a draft). */
export function assertOwnerOrAgency(principal: Principal, request: RequestRecord): void {
  if (!isOwner(principal, request) && !isAgencyOfficial(principal, request.agencyId)) {
    throw new ForbiddenError('Bạn không có quyền với hồ sơ này.');
  }
}

/** Only an official of the request's agency may certify, issue, reject or extend. */
export function assertAgencyOfficial(principal: Principal, agencyId: string): void {
  if (!isAgencyOfficial(principal, agencyId)) {
    throw new ForbiddenError('Chỉ cán bộ của cơ quan tiếp nhận hồ sơ mới được thực hiện thao tác này.');
  }
}

/** The owner or an official of the issuing agency may read a document. */
export function assertCanReadDocument(principal: Principal, doc: DocumentRecord): void {
  if (!isOwner(principal, doc) && !isAgencyOfficial(principal, doc.agencyId)) {
    throw new ForbiddenError('Bạn không có quyền với bản sao này.');
  }
}
