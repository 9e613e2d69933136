import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { revokedDelta } from '../../../shared/domain/stats';
import { StatsRepository } from '../../../shared/store/stats-repo';
import { summaryCsv, type reportSummary } from '../../../shared/use-cases/report-summary';

/** The figures of issue #20: requests waiting for a decision, and copies revoked. */
type Report = Awaited<ReturnType<typeof reportSummary>>;
const figures = { received: 5, submittedOnline: 4, issued: 3, rejected: 1, cancelled: 0, onTime: 3, late: 1, revoked: 2, onlineRate: 0.8, onTimeRate: 0.75 };
const report: Report = {
  from: '2026-03-01',
  to: '2026-03-31',
  agencyId: null,
  ...figures,
  overdue: 2,
  openPastDue: 1,
  pending: 7,
  byAgency: [{ agencyId: 'ubnd-phuong-ba-dinh', name: 'Ủy ban nhân dân phường Ba Đình', ...figures, overdue: 2, pending: 7 }],
  byKind: { 'certify-copy': { received: 3, issued: 2 }, 'register-copy': { received: 2, issued: 1 } },
  byDay: [{ day: '2026-03-02', received: 5, issued: 3, rejected: 1, cancelled: 0 }],
};

describe('report figures: pending and revoked', () => {
  it('counts a revocation as its own figure', () => {
    expect(revokedDelta()).toEqual({ revoked: 1 });
  });

  it('writes the pending and revoked counts as the last two columns of the CSV, per agency and in total', () => {
    // Act
    const lines = summaryCsv(report).replace(/^\uFEFF/, '').split('\r\n');

    // Assess
    expect(lines[2].split(',').slice(-2)).toEqual(['Đang giải quyết', 'Bản sao bị hủy bỏ']);
    expect(lines[3].split(',').slice(-2)).toEqual(['7', '2']);
    expect(lines[4].split(',').slice(-2)).toEqual(['7', '2']);
  });

  it('counts the pending requests from the queue index of both waiting statuses, without reading them', async () => {
    // Prepare: a table answering every count with 3
    const asked: Record<string, unknown>[] = [];
    const db = { send: async (command: { input: Record<string, unknown> }) => (asked.push(command.input), { Count: 3 }) } as unknown as DynamoDBDocumentClient;

    // Act
    const pending = await new StatsRepository(db, 'T').pending('ubnd-phuong-ba-dinh');

    // Assess
    expect(pending).toBe(6);
    expect(asked.map((q) => (q.ExpressionAttributeValues as Record<string, string>)[':pk']).sort()).toEqual(['AGY#ubnd-phuong-ba-dinh#awaiting-entitlement', 'AGY#ubnd-phuong-ba-dinh#submitted']);
    expect(asked.every((q) => q.Select === 'COUNT' && q.IndexName === 'GSI2')).toBe(true);
  });
});
