import { ApiError } from '../../core/api';
import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { dateTime } from '../../core/format';
import type { Screen } from '../../core/router';
import type { RequestRecord } from '../../core/types';
import { heading, pagedList, serverText, statusBadge, table } from '../../core/ui';
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
  await pagedList<RequestRecord>(list, more, (cursor) => api.listRequests({ limit: 20, cursor }), (rows) =>
    rows.length === 0
      ? h('p', { class: 'empty' }, t('citizen.empty'))
      : table(
          [t('col.title'), t('col.kind'), t('col.status'), t('col.dueAt'), t('col.createdAt')],
          rows.map((r) => [h('a', { href: `/citizen/requests/${r.id}`, 'data-request': r.id }, serverText(r.title)), t(`kind.${r.kind}`), statusBadge(r.status), dueCell(r), dateTime(r.createdAt)]),
          { caption: t('citizen.title') },
        ),
  );

  // Notifications are optional: hidden when the server has none to give.
  try {
    const n = await api.notifications();
    if (n.items.length > 0) {
      notes.hidden = false;
      notes.append(
        h('h2', { id: 'notes-h' }, t('citizen.notifications')),
        h(
          'ul',
          { class: 'notifications' },
          n.items.slice(0, 10).map((x) => h('li', null, h('time', { datetime: x.at }, dateTime(x.at)), ' ', x.requestId ? h('a', { href: `/citizen/requests/${x.requestId}` }, serverText(x.message)) : serverText(x.message))),
        ),
      );
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
};
