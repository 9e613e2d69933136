import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { render, type Screen } from '../../core/router';
import type { RequestDetail } from '../../core/types';
import { act, field, heading, section } from '../../core/ui';
import { uploadWithProgress } from '../../core/upload';
import { t } from '../../i18n';
import { displayRequestCode } from '../../../../shared/contracts/request-code';
import { confirmDialog } from '../shared/confirm-dialog';
import { historyList, requestFacts, requestNotes } from '../shared/request-parts';
import { originalsPanel } from '../shared/original-viewer';
import { documentPanel } from './document-panel';

/**
 * /citizen/requests/{id} — one of my requests: status and due time, the refusal reason, my
 * scans, and once issued the copy itself (download, share link, who verified it).
 */
export const citizenRequestScreen: Screen = async ({ view, params }) => {
  const h1 = heading(t('req.heading', { title: '…' }));
  const body = h('div');
  view.append(h1, body);
  await section(body, () => api.getRequest(params.id), (r) => {
    h1.textContent = t('req.heading', { title: r.title });
    document.title = `${h1.textContent} — ${t('app.name')}`;
    const factsBox = h('div');
    void requestFacts(r).then((f) => factsBox.append(f));
    const doc = h('div');
    if (r.status === 'issued' && r.documentId) void documentPanel(doc, r.documentId);
    return [
      h('div', { class: 'grid' }, doc, h('section', { class: 'card', 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, t('req.facts')), ...requestNotes(r), factsBox, actions(r))),
      r.kind === 'certify-copy'
        ? h('section', { class: 'card', 'aria-labelledby': 'orig-h' }, h('h2', { id: 'orig-h' }, t('req.originals')), originalsPanel(r.id, r.originals))
        : null,
      h('section', { class: 'card', 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, t('req.history')), historyList(r.history)),
    ];
  });
};

/** What the owner may still do: add scans and submit a draft; cancel before it is handled. */
function actions(r: RequestDetail): HTMLElement | null {
  if (r.status !== 'draft' && r.status !== 'submitted') return null;
  const out = h('div', { 'aria-live': 'polite' });
  const cancel: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--danger',
      onClick: () =>
        void (async () => {
          // Cancelling cannot be undone: asked in a dialog first.
          const code = displayRequestCode(r);
          if (!(await confirmDialog({ title: t('confirm.cancel.title'), text: t('confirm.cancel.text', { code }), confirm: t('confirm.cancel.yes'), keep: t('confirm.cancel.keep') }))) return cancel.focus();
          await act(cancel, out, async () => {
            await api.cancel(r.id);
            await render();
          });
        })(),
    },
    t('req.cancel'),
  );
  if (r.status === 'submitted') return h('div', { class: 'actions' }, cancel, out);

  const files = h('input', { type: 'file', multiple: true, accept: '.pdf,.jpg,.jpeg,.png' });
  const submit: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--primary',
      onClick: () =>
        void act(submit, out, async () => {
          for (const file of [...(files.files ?? [])]) {
            const type = file.type || (file.name.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'image/jpeg');
            const ticket = await api.addOriginal(r.id, { fileName: file.name, contentType: type, size: file.size });
            await uploadWithProgress(ticket, file, () => undefined);
          }
          await api.submit(r.id);
          await render();
        }),
    },
    t('req.submitDraft'),
  );
  return h('div', null, r.kind === 'certify-copy' ? field(t('req.addFiles'), files) : null, h('div', { class: 'actions' }, submit, cancel), out);
}
