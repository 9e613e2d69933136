import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';
import { agenciesWithRegisters } from '../../shared/use-cases/list-agencies';

/** GET /api/agencies — where one can file, and which master registers each agency holds. */
export const handler = httpHandler('agencies-list', async () =>
  json(200, await agenciesWithRegisters(getServices()), { 'cache-control': 'public, max-age=300' }),
);
