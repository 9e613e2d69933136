import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
// ?worker&url: Vite bundles the worker as a .js file of its own (every static host serves .js as JavaScript; not all know .mjs).
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?worker&url';
import { h } from '../../core/dom';
import { t } from '../../i18n';

/**
 * Renders every page of a PDF into canvases, with pdf.js. Why in the browser: the issued PDF is
 * already what the clerk must compare, so the service sends those bytes (GET
 * /api/verify/{code}/document) and renders nothing itself — rasterising in a Lambda would need a
 * native renderer in the bundle and cost seconds per page on every lookup. This module is only
 * ever loaded by a dynamic import, so pdf.js (and its worker, a file of its own under the CSP's
 * script-src 'self') stays out of the main bundle.
 */
GlobalWorkerOptions.workerSrc = workerUrl;

/** CSS pixels of a page's width on screen; the canvas gets the device's pixel ratio on top. */
const TARGET_WIDTH = 820;
/** A copy has at most a few dozen pages; past this the rest is left to the file itself. */
const MAX_PAGES = 60;

export async function renderPdfPages(bytes: Uint8Array, into: HTMLElement): Promise<number> {
  // No eval (CSP has no 'unsafe-eval') and glyphs drawn as paths (no @font-face injected).
  const pdf = await getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  const total = pdf.numPages;
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  for (let n = 1; n <= Math.min(total, MAX_PAGES); n++) {
    const page = await pdf.getPage(n);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: (TARGET_WIDTH / base.width) * ratio });
    const canvas = h('canvas', { class: 'pdf-page__canvas', width: Math.floor(viewport.width), height: Math.floor(viewport.height), role: 'img', 'aria-label': t('verify.preview.page', { n, total }) });
    const figure = h('figure', { class: 'pdf-page', 'data-page': n }, canvas, h('figcaption', null, t('verify.preview.page', { n, total })));
    into.append(figure);
    await page.render({ canvasContext: canvas.getContext('2d')!, viewport }).promise;
    page.cleanup();
  }
  await pdf.destroy();
  return total;
}
