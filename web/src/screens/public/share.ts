import { h } from '../../core/dom';
import { get } from '../../core/api';
import { api } from '../../core/endpoints';
import type { VerificationReport } from '../../core/types';
import type { Screen } from '../../core/router';
import { act, heading, icon, section } from '../../core/ui';
import { t } from '../../i18n';
import { documentFacts, revealVerdict, verdictView } from './verdict';

/**
 * "Check the file from this share link": the server verifies the file it holds (GET
 * /api/shares/{token}/verify), so the clerk needs no download and upload; the verdict shows here.
 */
function sharedFileCheck(token: string): HTMLElement {
  const result = h('div', { class: 'verify-result' });
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--primary',
      'data-testid': 'share-verify',
      onClick: () =>
        void act(button, result, async () => {
          result.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('share.verifying')));
          const report = await get<VerificationReport>(`/api/shares/${encodeURIComponent(token)}/verify`);
          result.replaceChildren();
          setTimeout(() => revealVerdict(result), 0);
          return verdictView(report);
        }),
    },
    t('share.verifyHere'),
  );
  return h('section', { class: 'card', 'aria-labelledby': 'share-verify-h' }, h('h2', { id: 'share-verify-h' }, t('share.verifyHere')), h('p', null, t('share.verifyHere.hint')), button, result);
}

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
      sharedFileCheck(params.token),
    ];
  });
};
