import { ApiError, errorMessage, get, getBlob } from '../../core/api';
import { h } from '../../core/dom';
import type { CodeVerification } from '../../core/types';
import { facts, serverText } from '../../core/ui';
import { t } from '../../i18n';
import { receiptButton } from './receipt-button';

/** The lookup by code as the page reads it: the verdict's fields and what was issued. */
export const lookupCode = (code: string) => get<CodeVerification>(`/api/verify/${encodeURIComponent(code)}`);

/**
 * What a code shows besides its verdict (issue #21): the document's name and holder, every page
 * rendered to compare with the printout in hand, and the signed receipt to file. When the owner
 * turned the content off, a notice says so and only the receipt remains.
 */
export function issuedContentView(report: CodeVerification): HTMLElement {
  const box = h('section', { class: 'card issued-content', 'aria-labelledby': 'issued-content-h', 'data-content-shown': String(report.contentShown !== false) });
  box.append(h('h2', { id: 'issued-content-h' }, t('verify.content.heading')));
  if (report.content) {
    box.append(
      h('p', null, t('verify.content.intro')),
      facts([
        [t('verify.content.title'), h('strong', { 'data-field': 'title' }, serverText(report.content.title))],
        [t('verify.content.holder'), report.content.holderName ? h('strong', { 'data-field': 'holder' }, serverText(report.content.holderName)) : null],
      ]),
    );
  } else {
    box.append(h('p', { class: 'notice', role: 'note' }, t('verify.content.hidden')));
  }
  if (report.receiptUrl) box.append(receiptButton({ url: report.receiptUrl }));
  if (report.content) box.append(previews(report.content.documentUrl));
  return box;
}

/** The pages, rendered as soon as the card shows (pdf.js loads only now). */
function previews(url: string): HTMLElement {
  const pages = h('div', { class: 'pdf-pages', 'data-testid': 'pdf-pages', 'aria-busy': 'true' });
  const status = h('p', { class: 'loading', role: 'status' }, t('verify.preview.loading'));
  const wrap = h('div', { class: 'previews' }, h('h3', null, t('verify.preview.heading')), status, pages);
  void (async () => {
    try {
      const [bytes, { renderPdfPages }] = await Promise.all([fetchBytes(url), import('./pdf-preview')]);
      await renderPdfPages(bytes, pages);
      status.remove();
    } catch (error) {
      status.className = 'notice notice--warning';
      status.textContent = t('verify.preview.failed', { reason: errorMessage(error) });
    } finally {
      pages.removeAttribute('aria-busy');
    }
  })();
  return wrap;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const blob = await getBlob(url).catch((e: unknown) => {
    throw e instanceof ApiError ? e : new Error(String(e));
  });
  return new Uint8Array(await blob.arrayBuffer());
}
