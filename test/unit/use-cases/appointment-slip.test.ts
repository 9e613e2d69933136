import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../shared/domain/request';
import { receivingOfficial } from '../../../shared/use-cases/appointment-slip';

const base: RequestRecord = {
  id: 'r1',
  kind: 'certify-copy',
  agencyId: 'ubnd-phuong-ba-dinh',
  title: 'Bằng tốt nghiệp',
  copies: 1,
  citizenId: '001199012345',
  channel: 'online',
  status: 'submitted',
  createdAt: '2026-11-25T08:30:00.000Z',
  createdBy: { sub: 'c1', role: 'citizen', name: 'Nguyễn Văn An' },
  updatedAt: '2026-11-25T08:30:00.000Z',
  submittedAt: '2026-11-25T08:30:00.000Z',
  dueAt: '2026-11-26T10:00:00.000Z',
};
const agency = { name: 'UBND phường Ba Đình' };

describe('Function: receivingOfficial', () => {
  it('names the official who filed a counter request', () => {
    // Prepare
    const request: RequestRecord = { ...base, channel: 'counter', createdBy: { sub: 'o1', role: 'official', name: 'Trần Thị Bình', agencyId: 'ubnd-phuong-ba-dinh' } };
    // Act
    const name = receivingOfficial(request, agency);
    // Assess
    expect(name).toBe('Trần Thị Bình');
  });

  it('names the official who extended an online request', () => {
    const request: RequestRecord = {
      ...base,
      extension: { workingDays: 1, reason: 'Nhiều trang', at: base.updatedAt, by: { sub: 'o2', role: 'official', name: 'Lê Văn Cường' }, previousDueAt: base.dueAt! },
    };
    expect(receivingOfficial(request, agency)).toBe('Lê Văn Cường');
  });

  it('names the agency\'s desk for an online request nobody has acted on, never the citizen', () => {
    const name = receivingOfficial(base, agency);
    expect(name).toContain('UBND phường Ba Đình');
    expect(name).not.toContain('Nguyễn Văn An');
  });
});
