import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import type { Screen } from '../../core/router';
import { act, heading, icon, section } from '../../core/ui';
import { t } from '../../i18n';
import { documentFacts } from './verdict';

/** /s/{token} — what a share link opens: the document, a download button, and a way to verify. */
export const shareScreen: Screen = async ({ view, params }) => {
  const body = h('div');
  view.append(heading(t('share.title')), h('p', { class: 'lead' }, t('share.intro')), body);
  await section(body, () => api.shared(params.token), (doc) => {
    const out = h('div', { 'aria-live': 'polite' });
    const download: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--primary',
        onClick: () =>
          void act(download, out, async () => {
            const { url } = await api.sharedDownload(params.token);
            location.assign(url);
          }),
      },
      icon('download'),
      t('share.download'),
    );
    return [
      documentFacts(doc),
      h('div', { class: 'actions' }, download, h('a', { class: 'btn btn--secondary', href: `/verify/${doc.verifyCode}` }, t('share.verify'))),
      out,
    ];
  });
};
