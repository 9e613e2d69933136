import { httpHandler } from '../../shared/http/handler';
import { json, raw } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { reportSummary, summaryCsv } from '../../shared/use-cases/report-summary';

/** GET /api/reports/summary?from=&to=&agencyId= — JSON, or CSV with `Accept: text/csv`. */
export const handler = httpHandler('reports-summary', async ({ event, query, principal }) => {
  const report = await reportSummary(getServices(), principal!, query);
  if (/text\/csv/i.test(event.headers.accept ?? '')) {
    return raw(200, summaryCsv(report), 'text/csv; charset=utf-8', { 'content-disposition': `attachment; filename="bao-cao-${report.from}-${report.to}.csv"` });
  }
  return json(200, report);
});
