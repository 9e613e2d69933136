import { httpHandler } from '../../shared/http/handler';
import { json, raw } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { bookCsv, readBookYear } from '../../shared/use-cases/books';

/** GET /api/books?agencyId=&year= — the agency's books of the year; CSV with `format=csv` or `Accept: text/csv`. */
export const handler = httpHandler('books-get', async ({ event, query, principal }) => {
  const year = await readBookYear(getServices(), principal!, query);
  if (query.format === 'csv' || (query.format !== 'json' && /text\/csv/i.test(event.headers.accept ?? ''))) {
    return raw(200, bookCsv(year), 'text/csv; charset=utf-8', { 'content-disposition': `attachment; filename="so-chung-thuc-${year.agencyId}-${year.year}.csv"` });
  }
  return json(200, year);
});
