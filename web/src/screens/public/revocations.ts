import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { dateTime } from '../../core/format';
import type { Screen } from '../../core/router';
import type { Revocation } from '../../core/types';
import { act, heading, section, serverText, table } from '../../core/ui';
import { t } from '../../i18n';

/** /revocations — the public list of revoked copies, newest first, page by page. */
export const revocationsScreen: Screen = async ({ view }) => {
  const list = h('div');
  const more = h('div');
  view.append(heading(t('rev.title')), h('p', { class: 'lead' }, t('rev.intro')), list, more);
  const rows: Revocation[] = [];
  const draw = () =>
    rows.length === 0
      ? h('p', { class: 'empty' }, t('rev.empty'))
      : table(
          [t('rev.col.code'), t('rev.col.no'), t('rev.col.issuer'), t('rev.col.at'), t('rev.col.reason')],
          rows.map((r) => [h('a', { href: `/verify/${r.verifyCode}`, class: 'mono' }, r.verifyCode), r.certificationNo, serverText(r.issuer), dateTime(r.revokedAt), serverText(r.reason)]),
          { caption: t('rev.title') },
        );
  const page = await section(list, () => api.revocations({ limit: 50 }), (p) => {
    rows.push(...p.items);
    return draw();
  });
  let cursor = page?.nextCursor;
  const moreButton: HTMLButtonElement = h('button', {
    type: 'button',
    class: 'btn btn--secondary',
    onClick: () =>
      void act(moreButton, status, async () => {
        const next = await api.revocations({ limit: 50, cursor });
        rows.push(...next.items);
        cursor = next.nextCursor;
        list.replaceChildren(draw());
        moreButton.hidden = !cursor;
      }),
  }, t('common.more'));
  const status = h('div');
  moreButton.hidden = !cursor;
  more.append(moreButton, status);
};
