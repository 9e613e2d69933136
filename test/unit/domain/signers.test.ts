import { describe, expect, it } from 'vitest';
import { competentSignerAt, signerValidAt, type AgencySigner } from '../../../shared/domain/signers';
import { CreateRequestSchema } from '../../../shared/contracts/requests';

const record = (fields: Partial<AgencySigner>): AgencySigner => ({
  signerId: 's1', agencyId: 'a', userSub: 'u', fullName: 'Trần Thị Bình', title: 'Phó Chủ tịch', basis: { decisionNo: '12/QĐ-UBND', decisionDate: '2025-07-01' },
  validFrom: '2025-07-01T00:00:00.000Z', recordedAt: '2025-07-01T00:00:00.000Z', recordedBy: { sub: 'admin', role: 'admin' }, ...fields,
});

describe('Function: signerValidAt', () => {
  it('holds from validFrom inclusive to validTo exclusive', () => {
    // Prepare
    const r = record({ validTo: '2026-01-01T00:00:00.000Z' });

    // Act / Assess
    expect(signerValidAt(r, new Date('2025-06-30T23:59:59.999Z'))).toBe(false);
    expect(signerValidAt(r, new Date('2025-07-01T00:00:00.000Z'))).toBe(true);
    expect(signerValidAt(r, new Date('2025-12-31T23:59:59.999Z'))).toBe(true);
    expect(signerValidAt(r, new Date('2026-01-01T00:00:00.000Z'))).toBe(false);
    expect(signerValidAt(record({}), new Date('2099-01-01T00:00:00.000Z'))).toBe(true);
  });
});

describe('Function: competentSignerAt', () => {
  it("picks the user's record valid at the time, ignoring other users and ended records", () => {
    // Prepare
    const records = [
      record({ signerId: 'old', validTo: '2026-03-01T00:00:00.000Z' }),
      record({ signerId: 'new', title: 'Chủ tịch', validFrom: '2026-03-01T00:00:00.000Z' }),
      record({ signerId: 'other', userSub: 'v' }),
    ];

    // Act / Assess
    expect(competentSignerAt(records, 'u', new Date('2026-02-01T00:00:00Z'))?.signerId).toBe('old');
    expect(competentSignerAt(records, 'u', new Date('2026-03-02T00:00:00Z'))?.title).toBe('Chủ tịch');
    expect(competentSignerAt(records, 'w', new Date('2026-03-02T00:00:00Z'))).toBeUndefined();
  });
});

describe('Contract: CreateRequestSchema copies', () => {
  it('takes one copy by default and refuses more: an electronic copy is one file (Decree 23 Art. 20(3))', () => {
    // Act / Assess
    const base = { kind: 'certify-copy', agencyId: 'a', title: 'Bằng' };
    expect(CreateRequestSchema.parse(base).copies).toBe(1);
    expect(CreateRequestSchema.safeParse({ ...base, copies: 2 }).success).toBe(false);
  });
});
