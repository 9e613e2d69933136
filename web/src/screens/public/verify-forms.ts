import { ApiError } from '../../core/api';
import { h, newId } from '../../core/dom';
import { api } from '../../core/endpoints';
import { navigate } from '../../core/router';
import type { VerificationReport } from '../../core/types';
import { errorBox, field, icon } from '../../core/ui';
import { uploadWithProgress } from '../../core/upload';
import { t } from '../../i18n';
import { receiptButton } from './receipt-button';

/** Files up to this size go in the request body; larger ones through a presigned upload. */
const DIRECT_LIMIT = 6 * 1024 * 1024;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A verify code as typed: case, spaces and dashes do not matter, and the look-alikes O, I, L
 * read as 0, 1, 1 (Crockford base32, shared/domain/verify-code.ts). Undefined if it cannot be one.
 */
export function normalizeCode(raw: string): string | undefined {
  const chars = raw
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (chars.length !== 24 || [...chars].some((c) => !ALPHABET.includes(c))) return undefined;
  return chars.match(/.{4}/g)!.join('-');
}

/** Type a code → /verify/{code}. */
export function codeForm(): HTMLFormElement {
  const input = h('input', { type: 'text', name: 'code', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', inputmode: 'text', class: 'mono' });
  const error = h('p', { class: 'field-error', id: newId('err'), role: 'alert' });
  const form = h(
    'form',
    {
      class: 'code-form',
      novalidate: true,
      onSubmit: (e: Event) => {
        e.preventDefault();
        const code = normalizeCode(input.value);
        if (!code) {
          error.textContent = t('verify.code.invalid');
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-errormessage', error.id);
          input.focus();
          return;
        }
        navigate(`/verify/${code}`);
      },
    },
    field(t('verify.code.label'), input, { hint: t('verify.code.hint'), required: true }),
    error,
    h('button', { type: 'submit', class: 'btn btn--primary' }, t('verify.code.submit')),
  );
  return form;
}

/**
 * A drop zone with a real file input inside (keyboard and screen readers use the button-styled
 * label; drag and drop is the extra for the desk).
 */
export function fileDrop(onFile: (file: File) => void): HTMLElement {
  const input = h('input', { type: 'file', accept: 'application/pdf,.pdf', class: 'visually-hidden', 'data-testid': 'verify-file' });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) onFile(file);
    input.value = '';
  });
  if (!input.id) input.id = newId('file');
  const zone = h(
    'div',
    { class: 'dropzone' },
    icon('upload', 32),
    h('p', { class: 'dropzone__text' }, t('verify.file.drop')),
    h('p', { class: 'dropzone__or' }, t('verify.file.or')),
    // The input comes first so that its focus ring can be drawn on the label (styles.css).
    input,
    h('label', { for: input.id, class: 'btn btn--primary' }, t('verify.file.pick')),
  );
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dropzone--over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dropzone--over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dropzone--over');
    const file = e.dataTransfer?.files?.[0];
    if (file) onFile(file);
  });
  return zone;
}

async function looksLikePdf(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 1024).arrayBuffer());
  const text = String.fromCharCode(...head);
  return text.includes('%PDF-');
}

/** Sends the file to POST /api/verify (or through a presigned upload when large; `uploaded` learns its id). */
export async function verifyPdf(file: File, progress: HTMLProgressElement, uploaded?: (uploadId: string) => void): Promise<VerificationReport> {
  if (!(await looksLikePdf(file))) throw new Error(t('verify.file.notPdf', { name: file.name }));
  if (file.size <= DIRECT_LIMIT) {
    try {
      return await api.verifyFile(file);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 413)) throw error;
    }
  }
  const ticket = await api.verifyUpload(file.size);
  progress.hidden = false;
  await uploadWithProgress(ticket, file, (loaded, total) => {
    progress.max = total;
    progress.value = loaded;
  });
  uploaded?.(ticket.uploadId!);
  return api.verifyUploaded(ticket.uploadId!);
}

/** Checks a file and renders the outcome into `out` with `render(report)`; errors as a notice. */
export async function checkFileInto(out: HTMLElement, file: File, render: (report: VerificationReport) => HTMLElement): Promise<void> {
  const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': t('verify.file.uploading') });
  out.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('verify.file.checking', { name: file.name })), progress);
  out.setAttribute('aria-busy', 'true');
  try {
    let uploadId: string | undefined;
    const report = await verifyPdf(file, progress, (id) => (uploadId = id));
    // The receipt checks the same bytes again on the server: the file itself, or its upload.
    out.replaceChildren(render(report), receiptButton(uploadId ? { uploadId } : { file }));
  } catch (error) {
    out.replaceChildren(errorBox(error));
  } finally {
    out.removeAttribute('aria-busy');
  }
}
