import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../../shared/domain/errors';
import {
  DocumentStatusSchema,
  REQUEST_STATUS_LABELS,
  RequestActionSchema,
  RequestStatusSchema,
  allowedActions,
  canApply,
  isFinalStatus,
  nextDocumentStatus,
  nextStatus,
  type RequestAction,
  type RequestStatus,
} from '../../../shared/domain/request-state';

const LEGAL: Record<string, RequestStatus> = {
  'draft:submit': 'submitted',
  'draft:cancel': 'cancelled',
  'submitted:issue': 'issued',
  'submitted:reject': 'rejected',
  'submitted:cancel': 'cancelled',
  'submitted:extend': 'submitted',
  // Copies from master registers (Decree 23/2015 Art. 16(2), 17).
  'draft:submit-for-entitlement': 'awaiting-entitlement',
  'awaiting-entitlement:accept-entitlement': 'submitted',
  'awaiting-entitlement:refuse-entitlement': 'rejected',
  'awaiting-entitlement:cancel': 'cancelled',
  'submitted:refuse-entitlement': 'rejected',
};

const ALL_MOVES = RequestStatusSchema.options.flatMap((s) => RequestActionSchema.options.map((a) => [s, a] as const));

describe('Function: nextStatus', () => {
  it.each(ALL_MOVES.filter(([s, a]) => `${s}:${a}` in LEGAL))('allows %s → %s', (status, action) => {
    // Prepare / Act
    const to = nextStatus(status, action);
    // Assess
    expect(to).toBe(LEGAL[`${status}:${action}`]);
    expect(canApply(status, action)).toBe(true);
  });

  it.each(ALL_MOVES.filter(([s, a]) => !(`${s}:${a}` in LEGAL)))('refuses %s → %s with a ConflictError', (status, action) => {
    // Prepare / Act
    let error: unknown;
    try {
      nextStatus(status, action);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    expect((error as ConflictError).detail).toMatch(/^Yêu cầu đang ở trạng thái “.+” nên không thể .+\.$/);
    expect((error as ConflictError).detail).toContain(REQUEST_STATUS_LABELS[status]);
    expect(canApply(status, action)).toBe(false);
  });

  it('explains in Vietnamese why an issued request cannot be cancelled', () => {
    expect(() => nextStatus('issued', 'cancel')).toThrow('Yêu cầu đang ở trạng thái “Đã cấp” nên không thể hủy yêu cầu.');
  });

  it('refuses an unknown status or action as invalid input', () => {
    expect(() => nextStatus('archived' as RequestStatus, 'submit')).toThrow(ValidationError);
    expect(() => nextStatus('draft', 'publish' as RequestAction)).toThrow(ValidationError);
  });
});

describe('Function: allowedActions / isFinalStatus', () => {
  it('lists what can be done in each status', () => {
    expect(allowedActions('draft')).toEqual(['submit', 'submit-for-entitlement', 'cancel']);
    expect(allowedActions('awaiting-entitlement')).toEqual(['accept-entitlement', 'refuse-entitlement', 'cancel']);
    expect(allowedActions('submitted')).toEqual(['refuse-entitlement', 'issue', 'reject', 'cancel', 'extend']);
  });

  it('treats issued, rejected and cancelled as final', () => {
    expect(RequestStatusSchema.options.filter(isFinalStatus)).toEqual(['issued', 'rejected', 'cancelled']);
  });

  it('has a Vietnamese label for every status', () => {
    for (const s of RequestStatusSchema.options) expect(REQUEST_STATUS_LABELS[s]).toBeTruthy();
  });
});

describe('Function: nextDocumentStatus', () => {
  it('revokes a valid document', () => {
    expect(nextDocumentStatus('valid', 'revoke')).toBe('revoked');
  });

  it('refuses to revoke a revoked document', () => {
    expect(() => nextDocumentStatus('revoked', 'revoke')).toThrow(ConflictError);
    expect(() => nextDocumentStatus('revoked', 'revoke')).toThrow(/^Bản sao đang ở trạng thái “Đã bị hủy bỏ”/);
  });

  it('knows only the statuses valid and revoked', () => {
    expect(DocumentStatusSchema.options).toEqual(['valid', 'revoked']);
  });
});
