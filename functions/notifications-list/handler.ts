import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getServices } from '../../shared/runtime/services';

/** GET /api/notifications — the citizen's mailbox: issued, rejected, extended. */
export const handler = httpHandler('notifications-list', async ({ principal }) => {
  const items = principal?.citizenId ? await getServices().notifications.mailbox(principal.citizenId) : [];
  return json(200, { items: items.map(({ citizenId: _c, ...n }) => n) });
});
