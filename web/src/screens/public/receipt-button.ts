import { ApiError, getBlob, saveBlob } from '../../core/api';
import { h } from '../../core/dom';
import { getSession } from '../../core/session';
import { act, icon } from '../../core/ui';
import { t } from '../../i18n';

/** What the receipt is of: a code lookup (GET its receipt URL) or a file (POST it again, or its upload id). */
export type ReceiptSource = { url: string } | { file: Blob } | { uploadId: string };

/** POST /api/verify/receipt: the file is checked again on the server and the sealed receipt comes back. */
async function fileReceipt(source: { file: Blob } | { uploadId: string }): Promise<Blob> {
  const session = getSession();
  const headers: Record<string, string> = session ? { authorization: `Bearer ${session.token}` } : {};
  const init: RequestInit =
    'file' in source
      ? { method: 'POST', headers: { ...headers, 'content-type': 'application/pdf' }, body: source.file }
      : { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ uploadId: source.uploadId }) };
  const res = await fetch('/api/verify/receipt', { ...init, credentials: 'same-origin' });
  if (!res.ok) {
    const problem = await res.json().catch(() => ({ title: res.statusText }));
    throw new ApiError({ status: res.status, ...problem });
  }
  return res.blob();
}

/**
 * "Download the verification receipt": the PDF the service signs (its own seal), which a
 * receiving agency files instead of a paper copy. Signed in, the receipt names the verifier's agency.
 */
export function receiptButton(source: ReceiptSource): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--secondary',
      'data-testid': 'receipt-download',
      onClick: () =>
        void act(button, out, async () => {
          saveBlob('url' in source ? await getBlob(source.url) : await fileReceipt(source), 'phieu-kiem-tra.pdf');
          return t('verify.receipt.ready');
        }),
    },
    icon('download'),
    t('verify.receipt.download'),
  );
  return h('div', { class: 'receipt' }, h('p', { class: 'hint' }, t('verify.receipt.hint')), button, out);
}
