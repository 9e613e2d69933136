import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { dateTime, isOverdue } from '../../core/format';
import type { Screen } from '../../core/router';
import type { RequestRecord } from '../../core/types';
import { heading, pagedList, serverText, statusBadge, table } from '../../core/ui';
import { t } from '../../i18n';
import { dueCell } from '../shared/request-parts';
import { codeSearch } from './code-search';

const TABS = ['submitted', 'awaiting-entitlement', 'issued', 'rejected', 'cancelled'] as const;
type Tab = (typeof TABS)[number];

/**
 * /official — the agency's queue: submitted requests, the one due first on top, overdue ones
 * marked (colour, icon and the word). Other statuses through the tabs.
 */
export const queueScreen: Screen = async ({ view, query }) => {
  const wanted = query.get('status') ?? '';
  const status: Tab = (TABS as readonly string[]).includes(wanted) ? (wanted as Tab) : 'submitted';
  const list = h('div');
  const summary = h('p', { class: 'queue-summary', role: 'status' });
  const more = h('div');
  view.append(
    heading(t('queue.title')),
    codeSearch(),
    h(
      'nav',
      { class: 'tabs', 'aria-label': t('queue.tabs') },
      h('ul', null, TABS.map((s) => h('li', null, h('a', { href: s === 'submitted' ? '/official' : `/official?status=${s}`, 'aria-current': s === status ? 'page' : null }, t(`queue.tab.${s}`))))),
    ),
    status === 'submitted' ? h('p', { class: 'hint' }, t('queue.order')) : '',
    summary,
    list,
    more,
  );
  const draw = (rows: RequestRecord[]) => {
    const late = rows.filter((r) => r.status === 'submitted' && isOverdue(r.dueAt)).length;
    summary.textContent = late > 0 ? t('queue.overdueCount', { n: late }) : '';
    summary.classList.toggle('queue-summary--late', late > 0);
    return rows.length === 0
      ? h('p', { class: 'empty' }, t('queue.empty'))
      : table(
          [t('col.title'), t('col.kind'), t('col.citizen'), t('col.submittedAt'), t('col.dueAt'), t('col.status')],
          rows.map((r) => [
            h('a', { href: `/official/requests/${r.id}`, 'data-request': r.id }, serverText(r.title)),
            t(`kind.${r.kind}`),
            h('span', { class: 'mono' }, r.citizenId),
            dateTime(r.submittedAt),
            dueCell(r),
            statusBadge(r.status),
          ]),
          { caption: t(`queue.tab.${status}`), rowClass: (i) => (rows[i].status === 'submitted' && isOverdue(rows[i].dueAt) ? 'row--late' : undefined) },
        );
  };
  await pagedList<RequestRecord>(list, more, (cursor) => api.listRequests({ status, limit: 50, cursor }), draw);
};
