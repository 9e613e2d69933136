import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { dateTime, numberAndBook } from '../../core/format';
import type { Screen } from '../../core/router';
import type { Revocation } from '../../core/types';
import { heading, pagedList, serverText, table } from '../../core/ui';
import { t } from '../../i18n';

/** /revocations — the public list of revoked copies, newest first, page by page. */
export const revocationsScreen: Screen = async ({ view }) => {
  const list = h('div');
  const more = h('div');
  view.append(heading(t('rev.title')), h('p', { class: 'lead' }, t('rev.intro')), list, more);
  await pagedList<Revocation>(list, more, (cursor) => api.revocations({ limit: 50, cursor }), (rows) =>
    rows.length === 0
      ? h('p', { class: 'empty' }, t('rev.empty'))
      : table(
          [t('rev.col.code'), t('rev.col.no'), t('rev.col.issuer'), t('rev.col.at'), t('rev.col.reason')],
          rows.map((r) => [h('a', { href: `/verify/${r.verifyCode}`, class: 'mono' }, r.verifyCode), numberAndBook(r.kind, r.number, r.book), serverText(r.issuer), r.revokedAt ? dateTime(r.revokedAt) : '', serverText(r.reason ?? '')]),
          { caption: t('rev.title') },
        ),
  );
};
