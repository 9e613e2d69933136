import { UnsupportedMediaTypeError } from '../../shared/domain/errors';
import { httpHandler, pathParam } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/services';
import { importEntries } from '../../shared/use-cases/registers';

/** POST /api/registers/{id}/import (text/csv, UTF-8) — {imported, rejected:[{line, error}]}. */
export const handler = httpHandler('register-entries-import', async ({ event, principal }) => {
  if (!/^text\/csv\b/i.test(event.headers['content-type'] ?? '')) throw new UnsupportedMediaTypeError('Nội dung phải là tệp CSV (Content-Type: text/csv; charset=utf-8).');
  const csv = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  return json(200, await importEntries(getServices(), principal!, pathParam(event, 'id'), csv));
});
