/**
 * The life of a request and of an issued document.
 *
 * Request: draft → submitted → issued | rejected; its owner may cancel it while it is draft or
 * submitted (before it is handled); an official may extend a submitted request's time limit
 * (Decree 23/2015/NĐ-CP Art. 7), which keeps it submitted. A copy from a master register asked by
 * someone other than the entry's subject waits in `awaiting-entitlement` until an official accepts
 * (→ submitted) or refuses (→ rejected) the evidence (Decree 23/2015 Art. 16(2), 17(1)). A refusal needs a written reason
 * (Decree 23 Art. 22, see refusal-reasons.ts). Document: valid → revoked, by a cancellation
 * decision with a reason (Circular 01/2020/TT-BTP Art. 7), published at once. Who may perform a
 * move (owner, official of the agency) is checked by the caller with roles.ts, not here.
 */
import * as z from 'zod';
import { ConflictError, ValidationError } from './errors';

/** The statuses of a request. */
export const RequestStatusSchema = z.enum(['draft', 'awaiting-entitlement', 'submitted', 'issued', 'rejected', 'cancelled']);
export type RequestStatus = z.infer<typeof RequestStatusSchema>;

/** What can be done to a request. */
export const RequestActionSchema = z.enum(['submit', 'submit-for-entitlement', 'accept-entitlement', 'refuse-entitlement', 'issue', 'reject', 'cancel', 'extend']);
export type RequestAction = z.infer<typeof RequestActionSchema>;

/** The statuses of an issued document. */
export const DocumentStatusSchema = z.enum(['valid', 'revoked']);
export type DocumentStatus = z.infer<typeof DocumentStatusSchema>;

/** What can be done to an issued document. */
export const DocumentActionSchema = z.enum(['revoke']);
export type DocumentAction = z.infer<typeof DocumentActionSchema>;

/** Vietnamese labels of the request statuses, for users. */
export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
  draft: 'Đang soạn',
  'awaiting-entitlement': 'Chờ xác minh quyền yêu cầu',
  submitted: 'Đã nộp, đang xử lý',
  issued: 'Đã cấp',
  rejected: 'Bị từ chối',
  cancelled: 'Đã hủy',
};

/** Vietnamese verbs of the request actions, as used in messages ("không thể …"). */
export const REQUEST_ACTION_LABELS: Readonly<Record<RequestAction, string>> = {
  submit: 'nộp yêu cầu',
  'submit-for-entitlement': 'nộp yêu cầu để xác minh quyền yêu cầu',
  'accept-entitlement': 'chấp nhận quyền yêu cầu',
  'refuse-entitlement': 'từ chối vì không có quyền yêu cầu hoặc không có thông tin',
  issue: 'cấp bản sao',
  reject: 'từ chối yêu cầu',
  cancel: 'hủy yêu cầu',
  extend: 'gia hạn thời hạn giải quyết',
};

/** Vietnamese labels of the document statuses, for users and the public revocation list. */
export const DOCUMENT_STATUS_LABELS: Readonly<Record<DocumentStatus, string>> = {
  valid: 'Còn hiệu lực',
  revoked: 'Đã bị hủy bỏ',
};

/** Vietnamese verbs of the document actions. */
export const DOCUMENT_ACTION_LABELS: Readonly<Record<DocumentAction, string>> = {
  revoke: 'hủy bỏ (thu hồi) bản sao',
};

/** The legal request moves: status → action → new status. */
const REQUEST_TRANSITIONS: Readonly<Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>>> = {
  draft: { submit: 'submitted', 'submit-for-entitlement': 'awaiting-entitlement', cancel: 'cancelled' },
  'awaiting-entitlement': { 'accept-entitlement': 'submitted', 'refuse-entitlement': 'rejected', cancel: 'cancelled' },
  // refuse-entitlement from submitted: a register copy refused on Art. 17(2) (no information) after the right was established.
  submitted: { issue: 'issued', reject: 'rejected', cancel: 'cancelled', extend: 'submitted', 'refuse-entitlement': 'rejected' },
  issued: {},
  rejected: {},
  cancelled: {},
};

const DOCUMENT_TRANSITIONS: Readonly<Record<DocumentStatus, Partial<Record<DocumentAction, DocumentStatus>>>> = {
  valid: { revoke: 'revoked' },
  revoked: {},
};

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(`${what} không hợp lệ: ${String(value)}.`);
  return r.data;
}

/** The status a request moves to; ConflictError (409) with a Vietnamese detail for an illegal move. */
export function nextStatus(current: RequestStatus, action: RequestAction): RequestStatus {
  const from = parseOrThrow(RequestStatusSchema, current, 'Trạng thái yêu cầu');
  const act = parseOrThrow(RequestActionSchema, action, 'Thao tác');
  const to = REQUEST_TRANSITIONS[from][act];
  if (to === undefined) {
    throw new ConflictError(
      `Yêu cầu đang ở trạng thái “${REQUEST_STATUS_LABELS[from]}” nên không thể ${REQUEST_ACTION_LABELS[act]}.`,
      { extra: { status: from, action: act } },
    );
  }
  return to;
}

/** Whether an action is allowed on a request in the given status. */
export function canApply(current: RequestStatus, action: RequestAction): boolean {
  return REQUEST_TRANSITIONS[current]?.[action] !== undefined;
}

/** The actions allowed on a request in the given status. */
export function allowedActions(current: RequestStatus): RequestAction[] {
  return RequestActionSchema.options.filter((a) => canApply(current, a));
}

/** Whether the status is final (issued, rejected, cancelled). */
export function isFinalStatus(status: RequestStatus): boolean {
  return allowedActions(status).length === 0;
}

/** The status a document moves to (Circular 01/2020 Art. 7); ConflictError for an illegal move. */
export function nextDocumentStatus(current: DocumentStatus, action: DocumentAction): DocumentStatus {
  const from = parseOrThrow(DocumentStatusSchema, current, 'Trạng thái bản sao');
  const act = parseOrThrow(DocumentActionSchema, action, 'Thao tác');
  const to = DOCUMENT_TRANSITIONS[from][act];
  if (to === undefined) {
    throw new ConflictError(
      `Bản sao đang ở trạng thái “${DOCUMENT_STATUS_LABELS[from]}” nên không thể ${DOCUMENT_ACTION_LABELS[act]}.`,
      { extra: { status: from, action: act } },
    );
  }
  return to;
}
