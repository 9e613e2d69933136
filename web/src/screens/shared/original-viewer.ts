import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { bytes } from '../../core/format';
import type { Original } from '../../core/types';
import { errorBox, loading } from '../../core/ui';
import { t } from '../../i18n';

/**
 * Shows one scan of an original: the presigned GET (GET /api/requests/{id}/originals/{oid}) is
 * fetched into a blob: URL — the CSP allows frames and images from blob:, not from S3.
 */
const urls = new Set<string>();

export async function showOriginal(into: HTMLElement, requestId: string, original: Original): Promise<void> {
  into.replaceChildren(loading());
  for (const u of urls) URL.revokeObjectURL(u);
  urls.clear();
  try {
    const { url } = await api.viewOriginal(requestId, original.originalId);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const blob = new Blob([await res.arrayBuffer()], { type: original.contentType });
    const blobUrl = URL.createObjectURL(blob);
    urls.add(blobUrl);
    const title = t('req.original.view', { name: original.fileName });
    const preview =
      original.contentType === 'application/pdf'
        ? h('iframe', { src: blobUrl, title, class: 'viewer__frame' })
        : h('img', { src: blobUrl, alt: title, class: 'viewer__img' });
    into.replaceChildren(
      preview,
      h('p', { class: 'viewer__meta' }, `${original.fileName} · ${bytes(original.size)}`, original.pages ? ` · ${t('req.original.pages', { pages: original.pages })}` : '', ' · ', h('a', { href: blobUrl, target: '_blank', rel: 'noopener' }, t('req.original.open'))),
    );
  } catch (error) {
    into.replaceChildren(errorBox(error));
  }
}

/** The list of originals with a "view" button each; the first is shown at once when `autoShow`. */
export function originalsPanel(requestId: string, originals: Original[], options: { autoShow?: boolean } = {}): HTMLElement {
  const viewer = h('div', { class: 'viewer', 'aria-live': 'polite' });
  if (originals.length === 0) return h('p', { class: 'empty' }, t('req.noOriginals'));
  const buttons = originals.map((o) =>
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn--secondary btn--small',
        'aria-controls': 'viewer',
        onClick: (e: Event) => {
          for (const b of list.querySelectorAll('button')) b.removeAttribute('aria-pressed');
          (e.currentTarget as HTMLElement).setAttribute('aria-pressed', 'true');
          void showOriginal(viewer, requestId, o);
        },
      },
      t('req.original.view', { name: o.fileName }),
      o.pages ? ` (${t('req.original.pages', { pages: o.pages })})` : '',
    ),
  );
  const list = h('ul', { class: 'originals' }, buttons.map((b) => h('li', null, b)));
  viewer.id = 'viewer';
  if (options.autoShow) {
    buttons[0].setAttribute('aria-pressed', 'true');
    void showOriginal(viewer, requestId, originals[0]);
  }
  return h('div', { class: 'originals-panel' }, list, viewer);
}
