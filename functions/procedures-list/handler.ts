import { procedures } from '../../shared/domain/procedures';
import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';

/** GET /api/procedures — each procedure's authority, requester, documents, fee, time limit and legal basis. */
export const handler = httpHandler('procedures-list', async () => json(200, { items: procedures() }, { 'cache-control': 'public, max-age=300' }));
