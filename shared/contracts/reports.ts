import * as z from 'zod';
import { contract } from './contract';
import { IsoDay } from './common';

/** The operating figures of agencies over a period. */

export const SummaryQuerySchema = z.object({ from: IsoDay.optional(), to: IsoDay.optional(), agencyId: z.string().max(100).optional() });
export type SummaryQuery = z.output<typeof SummaryQuerySchema>;

const count = z.number().int();
const rate = z.number().min(0).max(1);

export const ReportFiguresSchema = z
  .object({
    received: count,
    submittedOnline: count,
    issued: count,
    rejected: count,
    cancelled: count,
    onTime: count,
    late: count,
    revoked: count.meta({ description: 'Issued copies cancelled (Circular 01/2020/TT-BTP Art. 7) in the period, counted on the day of the decision.' }),
    onlineRate: rate.meta({ description: 'submittedOnline / received (0 when none).' }),
    onTimeRate: rate.meta({ description: 'onTime / (onTime + late) (0 when none).' }),
  })
  .meta({ id: 'ReportFigures' });

const KindFigures = z.object({ received: count, issued: count }).meta({ id: 'KindFigures' });

export const ReportSummarySchema = ReportFiguresSchema.extend({
  from: IsoDay,
  to: IsoDay,
  agencyId: z.string().nullable().meta({ description: '`null` for all agencies (admin).' }),
  overdue: count.meta({ description: 'openPastDue + late.' }),
  openPastDue: count.meta({ description: 'Open requests already past due now.' }),
  pending: count.meta({ description: 'Requests waiting for a decision now (submitted, or awaiting the requester’s right to a register copy); not limited to the period.' }),
  byAgency: z.array(ReportFiguresSchema.extend({ agencyId: z.string(), name: z.string(), overdue: count, pending: count })),
  byKind: z.object({ 'certify-copy': KindFigures, 'register-copy': KindFigures }),
  byDay: z
    .array(z.object({ day: IsoDay, received: count, issued: count, rejected: count, cancelled: count }))
    .meta({ description: 'Only days with activity, oldest first.' }),
}).meta({ id: 'ReportSummary' });
export type Summary = z.infer<typeof ReportSummarySchema>;

export const reportContracts = {
  summary: contract({ query: SummaryQuerySchema, responses: { 200: { json: ReportSummarySchema, media: ['text/csv'] } }, errors: [401, 403, 422] }),
};
