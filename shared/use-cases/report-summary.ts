import { csvText } from './csv';
import type { SummaryQuery } from '../contracts/reports';
import { addDaysToIsoDay, isoVnDay } from '../domain/dates';
import { ForbiddenError, ValidationError } from '../domain/errors';
import type { Principal } from '../domain/roles';
import { rate, type DailyStats } from '../domain/stats';
import type { Services } from '../runtime/services';
import { listAgencies } from '../store/directory-repo';
import { ALL_AGENCIES } from '../store/stats-repo';


/** The longest period one report covers (a year and a bit). */
const MAX_DAYS = 400;

const sum = (days: DailyStats[], key: string) => days.reduce((n, d) => n + (typeof d[key] === 'number' ? (d[key] as number) : 0), 0);

function figures(days: DailyStats[]) {
  const received = sum(days, 'received');
  const issued = sum(days, 'issued');
  const rejected = sum(days, 'rejected');
  const onTime = sum(days, 'onTime');
  const late = sum(days, 'late');
  const submittedOnline = sum(days, 'submittedOnline');
  return { received, submittedOnline, issued, rejected, cancelled: sum(days, 'cancelled'), onTime, late, revoked: sum(days, 'revoked'), onlineRate: rate(submittedOnline, received), onTimeRate: rate(onTime, onTime + late) };
}

/**
 * The operating figures for a period (Vietnam days, inclusive): an admin sees all agencies or
 * one; an official only their own agency. Read from the daily counters and the queue index.
 */
export async function reportSummary(services: Services, principal: Principal, query: SummaryQuery) {
  const today = isoVnDay(services.now());
  const to = query.to ?? today;
  const from = query.from ?? addDaysToIsoDay(to, -29);
  if (from > to) throw new ValidationError('Ngày bắt đầu (from) phải trước ngày kết thúc (to).');
  if (addDaysToIsoDay(from, MAX_DAYS) < to) throw new ValidationError(`Khoảng thời gian tối đa ${MAX_DAYS} ngày.`);

  let scope: string;
  if (principal.role === 'admin') scope = query.agencyId ?? ALL_AGENCIES;
  else if (principal.role === 'official' && principal.agencyId && (!query.agencyId || query.agencyId === principal.agencyId)) scope = principal.agencyId;
  else throw new ForbiddenError('Chỉ quản trị viên, hoặc cán bộ với số liệu của cơ quan mình, được xem báo cáo.');

  const agencies = (await listAgencies(services.db, services.tableName)).filter((a) => a.kind !== 'receiver' && (scope === ALL_AGENCIES || a.id === scope));
  const nowIso = services.now().toISOString();
  const perAgency = await Promise.all(
    agencies.map(async (a) => {
      const [days, openPastDue, pending] = await Promise.all([services.stats.days(a.id, from, to), services.stats.openPastDue(a.id, nowIso), services.stats.pending(a.id)]);
      return { agency: a, days, openPastDue, pending };
    }),
  );
  const totalDays = scope === ALL_AGENCIES ? await services.stats.days(ALL_AGENCIES, from, to) : (perAgency[0]?.days ?? []);
  const total = figures(totalDays);
  const openPastDue = perAgency.reduce((n, a) => n + a.openPastDue, 0);
  const pending = perAgency.reduce((n, a) => n + a.pending, 0);

  return {
    from,
    to,
    agencyId: scope === ALL_AGENCIES ? null : scope,
    ...total,
    // Open requests already past due, plus those finished late in the period.
    overdue: openPastDue + total.late,
    openPastDue,
    pending,
    byAgency: perAgency.map(({ agency, days, openPastDue: open, pending: waiting }) => {
      const f = figures(days);
      return { agencyId: agency.id, name: agency.name, ...f, overdue: open + f.late, pending: waiting };
    }),
    byKind: {
      'certify-copy': { received: sum(totalDays, 'received:certify-copy'), issued: sum(totalDays, 'issued:certify-copy') },
      'register-copy': { received: sum(totalDays, 'received:register-copy'), issued: sum(totalDays, 'issued:register-copy') },
    },
    byDay: totalDays
      .map((d) => ({ day: d.day, received: sum([d], 'received'), issued: sum([d], 'issued'), rejected: sum([d], 'rejected'), cancelled: sum([d], 'cancelled') }))
      .sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/** The same report as CSV, UTF-8 with a BOM so that spreadsheet programs open Vietnamese correctly. */
export function summaryCsv(report: Awaited<ReturnType<typeof reportSummary>>): string {
  const rows: unknown[][] = [
    ['Báo cáo', `Từ ${report.from} đến ${report.to}`],
    [],
    // The two last columns came with issue #20; appended, so that a sheet reading the columns by position still works.
    ['Cơ quan', 'Tiếp nhận', 'Nộp trực tuyến', 'Đã cấp', 'Từ chối', 'Đã hủy', 'Đúng hạn', 'Quá hạn', 'Tỷ lệ trực tuyến', 'Tỷ lệ đúng hạn', 'Đang giải quyết', 'Bản sao bị hủy bỏ'],
    ...report.byAgency.map((a) => [a.name, a.received, a.submittedOnline, a.issued, a.rejected, a.cancelled, a.onTime, a.overdue, a.onlineRate.toFixed(4), a.onTimeRate.toFixed(4), a.pending, a.revoked]),
    ['Tổng cộng', report.received, report.submittedOnline, report.issued, report.rejected, report.cancelled, report.onTime, report.overdue, report.onlineRate.toFixed(4), report.onTimeRate.toFixed(4), report.pending, report.revoked],
    [],
    ['Ngày', 'Tiếp nhận', 'Đã cấp', 'Từ chối', 'Đã hủy'],
    ...report.byDay.map((d) => [d.day, d.received, d.issued, d.rejected, d.cancelled]),
  ];
  return csvText(rows);
}
