import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { date, dateTime } from '../../core/format';
import { qrSvg } from '../../core/qr';
import type { AnonymousVerificationDay, DocumentView, ShareLink, VerificationLogEntry } from '../../core/types';
import { act, field, icon, pagedList, section, serverText, table } from '../../core/ui';
import { t } from '../../i18n';
import { documentFacts } from '../public/verdict';

const EXPIRY_HOURS = [1, 24, 72, 168, 720] as const;

/**
 * The issued copy for its owner: facts, download, share links (made, listed, withdrawn, shown as a
 * QR code), who verified it. A revoked copy says so above everything; its file stays downloadable
 * for the owner's records (it is what was issued and then revoked, and any check of it answers
 * "revoked", so it cannot pass for a valid copy), but the button says what the file now is.
 */
export async function documentPanel(into: HTMLElement, documentId: string): Promise<void> {
  await section(into, () => api.document(documentId), (doc) => {
    const revoked = doc.status === 'revoked';
    const out = h('div', { 'aria-live': 'polite' });
    const download: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: revoked ? 'btn btn--secondary' : 'btn btn--primary',
        'data-testid': 'download',
        onClick: () =>
          void act(download, out, async () => {
            const { url } = await api.download(documentId);
            // The presigned URL answers with Content-Disposition: attachment: the page stays.
            location.assign(url);
          }),
      },
      icon('download'),
      revoked ? t('doc.downloadRevoked') : t('doc.download'),
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
    const links = h('div', { 'data-testid': 'share-links' });
    const drawLinks = () => void section(links, () => api.shares(documentId), (list) => shareLinks(documentId, list.items, drawLinks));
    drawLinks();
    return h(
      'section',
      { class: 'card card--result', 'aria-labelledby': 'doc-h' },
      h('h2', { id: 'doc-h' }, t('req.result')),
      revoked ? revokedNotice(doc) : null,
      documentFacts(doc),
      h('div', { class: 'actions' }, download, h('a', { class: 'btn btn--secondary', href: `/verify/${doc.verifyCode}` }, t('doc.openVerify'))),
      revoked ? h('p', { class: 'hint', id: 'download-revoked-h' }, t('doc.downloadRevoked.hint')) : null,
      out,
      doc.status === 'valid' ? shareForm(documentId, drawLinks) : null,
      h('h3', null, t('shares.heading')),
      links,
      h('h3', null, t('verifs.heading')),
      verifs,
      more,
    );
  });
}

function revokedNotice(doc: DocumentView): HTMLElement {
  return h(
    'div',
    { class: 'notice notice--error', role: 'alert', 'data-testid': 'document-revoked' },
    icon('ban'),
    h(
      'div',
      null,
      h('p', { class: 'notice__title' }, t('doc.revokedNotice.title')),
      h('p', null, doc.revocation ? t('doc.revokedNotice.when', { at: dateTime(doc.revocation.at) }) : null, ' ', doc.revocation ? [t('doc.revocationReason'), ': ', serverText(doc.revocation.reason)] : null),
      h('p', null, t('doc.revokedNotice.text')),
    ),
  );
}

/**
 * The owner's links, newest first: when made, until when, whether still open; an open one can be
 * shown as a QR code (for a receiver at a counter to scan) or withdrawn before it expires.
 */
function shareLinks(documentId: string, items: ShareLink[], redraw: () => void): HTMLElement {
  if (items.length === 0) return h('p', { class: 'empty' }, t('shares.empty'));
  const out = h('div', { 'aria-live': 'polite' });
  const qrBox = h('div', { class: 'share-qr', 'data-testid': 'share-qr', hidden: true });
  const rows = items.map((link) => {
    const url = link.shareUrl ? new URL(new URL(link.shareUrl, location.origin).pathname, location.origin).href : undefined;
    const actions: HTMLElement[] = [];
    if (link.status === 'active' && url) {
      const show: HTMLButtonElement = h(
        'button',
        {
          type: 'button',
          class: 'btn btn--ghost btn--small',
          'aria-expanded': 'false',
          onClick: () => {
            const open = show.getAttribute('aria-expanded') !== 'true';
            for (const b of qrBox.parentElement?.querySelectorAll('[aria-expanded]') ?? []) b.setAttribute('aria-expanded', 'false');
            show.setAttribute('aria-expanded', String(open));
            qrBox.hidden = !open;
            qrBox.replaceChildren(
              ...(open
                ? [qrSvg(url, t('shares.qr.label', { at: dateTime(link.expiresAt) })), h('p', { class: 'hint' }, t('shares.qr.hint', { at: dateTime(link.expiresAt) })), h('p', { class: 'mono small share-qr__url' }, url)]
                : []),
            );
          },
        },
        t('shares.qr'),
      );
      const withdraw: HTMLButtonElement = h(
        'button',
        {
          type: 'button',
          class: 'btn btn--danger btn--small',
          'data-share': link.id,
          onClick: () =>
            void act(withdraw, out, async () => {
              if (!confirm(t('shares.revoke.confirm'))) return;
              await api.revokeShare(documentId, link.id);
              redraw();
            }),
        },
        t('shares.revoke'),
      );
      actions.push(show, withdraw);
    }
    return [dateTime(link.createdAt), dateTime(link.expiresAt), h('span', { class: `pill pill--share-${link.status}`, 'data-share-status': link.status }, t(`shares.status.${link.status}`)), h('div', { class: 'actions actions--tight' }, ...actions)];
  });
  return h('div', null, table([t('shares.col.created'), t('shares.col.expires'), t('shares.col.status'), t('shares.col.actions')], rows), out, qrBox);
}

function shareForm(documentId: string, onCreated: () => void): HTMLElement {
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
          onCreated();
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
