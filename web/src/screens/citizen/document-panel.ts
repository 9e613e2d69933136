import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { date, dateTime } from '../../core/format';
import type { AnonymousVerificationDay, VerificationLogEntry } from '../../core/types';
import { act, field, icon, pagedList, section, serverText, table } from '../../core/ui';
import { t } from '../../i18n';
import { documentFacts } from '../public/verdict';

const EXPIRY_HOURS = [1, 24, 72, 168, 720] as const;

/** The issued copy for its owner: facts, download, a share link with an expiry, who verified it. */
export async function documentPanel(into: HTMLElement, documentId: string): Promise<void> {
  await section(into, () => api.document(documentId), (doc) => {
    const out = h('div', { 'aria-live': 'polite' });
    const download: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--primary',
        'data-testid': 'download',
        onClick: () =>
          void act(download, out, async () => {
            const { url } = await api.download(documentId);
            // The presigned URL answers with Content-Disposition: attachment: the page stays.
            location.assign(url);
          }),
      },
      icon('download'),
      t('doc.download'),
    );
    const verifs = h('div');
    const more = h('div');
    // The daily anonymous counts come with every page; the first page's are shown.
    let anonymous: AnonymousVerificationDay[] | undefined;
    void pagedList<VerificationLogEntry>(
      verifs,
      more,
      async (cursor) => {
        const page = await api.verifications(documentId, { limit: 20, cursor });
        anonymous ??= page.anonymousByDay;
        return page;
      },
      (rows) => h('div', null, verificationsTable(rows, anonymous ?? []), anonymousTable(anonymous ?? [])),
    );
    return h(
      'section',
      { class: 'card card--result', 'aria-labelledby': 'doc-h' },
      h('h2', { id: 'doc-h' }, t('req.result')),
      documentFacts(doc),
      h('div', { class: 'actions' }, download, h('a', { class: 'btn btn--secondary', href: `/verify/${doc.verifyCode}` }, t('doc.openVerify'))),
      out,
      doc.status === 'valid' ? shareForm(documentId) : null,
      h('h3', null, t('verifs.heading')),
      verifs,
      more,
    );
  });
}

function shareForm(documentId: string): HTMLElement {
  const select = h('select', { name: 'expiresInHours' }, EXPIRY_HOURS.map((n) => h('option', { value: n, selected: n === 24 }, t(`share.hours.${n}`))));
  select.value = '24';
  const out = h('div', { 'aria-live': 'polite' });
  const create: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--secondary',
      onClick: () =>
        void act(create, out, async () => {
          const share = await api.share(documentId, Number(select.value));
          // The API gives the public URL; on this site the path is what matters.
          const link = new URL(new URL(share.shareUrl, location.origin).pathname, location.origin).href;
          const input = h('input', { type: 'text', readonly: true, value: link, class: 'mono', 'data-testid': 'share-link' });
          const copied = h('span', { role: 'status' });
          const copy = h(
            'button',
            {
              type: 'button',
              class: 'btn btn--ghost',
              onClick: async () => {
                input.select();
                try {
                  await navigator.clipboard.writeText(link);
                  copied.textContent = t('common.copied');
                } catch {
                  // no clipboard (http, old browser): the text is selected for Ctrl+C
                }
              },
            },
            t('common.copy'),
          );
          return h('div', { class: 'share-result' }, field(t('share.link'), input), h('div', { class: 'actions' }, copy, h('a', { href: link, target: '_blank', rel: 'noopener' }, link)), h('p', null, t('share.expiresAt', { at: dateTime(share.expiresAt) })), copied);
        }),
    },
    t('share.create'),
  );
  return h('div', { class: 'share' }, h('h3', null, t('share.create.heading')), h('p', { class: 'hint' }, t('share.create.text')), field(t('share.expiry'), select), create, out);
}

function verificationsTable(items: VerificationLogEntry[], anonymous: AnonymousVerificationDay[]): HTMLElement | null {
  if (items.length === 0) return anonymous.length === 0 ? h('p', { class: 'empty' }, t('verifs.empty')) : null;
  return table(
    [t('col.at'), t('col.verdict'), t('col.via'), t('col.verifier')],
    items.map((v) => [
      dateTime(v.at),
      h('span', { class: `pill pill--${v.verdict}` }, t(`verdict.${v.verdict}.title`)),
      t(`verifs.via.${v.via}`),
      v.verifierName ? serverText([v.verifierName, v.verifierAgencyId].filter(Boolean).join(' — ')) : t('verifs.anonymous'),
    ]),
  );
}

/** Checks by people who were not signed in: how many each day, not who. */
function anonymousTable(days: AnonymousVerificationDay[]): HTMLElement | null {
  if (days.length === 0) return null;
  return h(
    'div',
    { 'data-testid': 'anonymous-verifications' },
    h('h4', null, t('verifs.anonymous.heading')),
    table([t('col.day'), t('verifs.anonymous.count')], days.map((d) => [date(d.day), String(d.count)])),
  );
}
