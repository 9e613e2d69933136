import { ApiError } from '../../core/api';
import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { dateTime } from '../../core/format';
import type { Screen } from '../../core/router';
import type { Notification, RequestRecord } from '../../core/types';
import { heading, pagedList, revokedBadge, serverText, statusBadge, table } from '../../core/ui';
import { t } from '../../i18n';
import { dueCell } from '../shared/request-parts';

/** /citizen — my requests, newest first, with their status and due time; my notifications. */
export const citizenRequestsScreen: Screen = async ({ view }) => {
  const list = h('div');
  const more = h('div');
  const notes = h('section', { class: 'card', 'aria-labelledby': 'notes-h', hidden: true });
  view.append(
    heading(t('citizen.title')),
    h('div', { class: 'actions' }, h('a', { class: 'btn btn--primary', href: '/citizen/new' }, t('citizen.new'))),
    list,
    more,
    notes,
  );
  // Notifications are optional: hidden when the server has none to give. They also name the
  // requests whose copy was revoked since, which the list of requests alone does not carry.
  const notifications = api.notifications().catch((error: unknown) => {
    if (!(error instanceof ApiError)) throw error;
    return { items: [] as Notification[] };
  });
  const revoked = new Set((await notifications).items.filter((x) => x.kind === 'revoked').map((x) => x.requestId));
  await pagedList<RequestRecord>(list, more, (cursor) => api.listRequests({ limit: 20, cursor }), (rows) =>
    rows.length === 0
      ? h('p', { class: 'empty' }, t('citizen.empty'))
      : table(
          [t('col.title'), t('col.kind'), t('col.status'), t('col.dueAt'), t('col.createdAt')],
          rows.map((r) => [
            h('a', { href: `/citizen/requests/${r.id}`, 'data-request': r.id }, serverText(r.title)),
            t(`kind.${r.kind}`),
            r.status === 'issued' && revoked.has(r.id) ? revokedBadge() : statusBadge(r.status),
            dueCell(r),
            dateTime(r.createdAt),
          ]),
          { caption: t('citizen.title') },
        ),
  );

  const n = await notifications;
  if (n.items.length > 0) {
    notes.hidden = false;
    notes.append(
      h('h2', { id: 'notes-h' }, t('citizen.notifications')),
      h(
        'ul',
        { class: 'notifications' },
        n.items.slice(0, 10).map((x) => h('li', { 'data-kind': x.kind }, h('time', { datetime: x.at }, dateTime(x.at)), ' ', x.requestId ? h('a', { href: `/citizen/requests/${x.requestId}` }, serverText(x.message)) : serverText(x.message))),
      ),
    );
  }
};
