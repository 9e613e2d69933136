import { getBlob, saveBlob } from '../../core/api';
import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { date, money } from '../../core/format';
import type { Screen } from '../../core/router';
import { getSession } from '../../core/session';
import type { BookYear } from '../../core/types';
import { act, errorBox, field, heading, section, serverText, successBox, table } from '../../core/ui';
import { t } from '../../i18n';

/**
 * /official/books — the agency's electronic sổ chứng thực of a year (Decree 23/2015 Art. 13,
 * 14): every book with its lines in the columns of the book form, a CSV download, and closing the
 * open book (the API decides who may close it).
 */
export const booksScreen: Screen = async ({ view, query }) => {
  const agencyId = getSession()?.agencyId ?? '';
  const thisYear = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()));
  const year = h('input', { type: 'number', name: 'year', min: 2000, max: 9999, value: query.get('year') ?? String(thisYear), required: true });
  const out = h('div', { 'aria-live': 'polite' });
  const csvOut = h('div');
  const csv: HTMLButtonElement = h('button', { type: 'button', class: 'btn', 'data-action': 'book-csv', onClick: () => void act(csv, csvOut, async () => saveBlob(await getBlob(api.booksCsvPath({ agencyId, year: Number(year.value) })), `so-chung-thuc-${year.value}.csv`)) }, t('book.csv'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'form form--inline', novalidate: true },
    field(t('book.year'), year, { required: true }),
    h('button', { type: 'submit', class: 'btn btn--primary' }, t('book.show')),
    csv,
  );
  view.append(heading(t('book.title')), h('p', { class: 'lead' }, t('book.intro')), form, csvOut, out);
  const load = async () => {
    const y = Number(year.value);
    if (!Number.isInteger(y) || y < 2000 || y > 9999) {
      out.replaceChildren(errorBox(new Error(t('book.year'))));
      return;
    }
    await section(out, () => api.books({ agencyId, year: y }), (data) => show(data, load));
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  await load();
};

function show(data: BookYear, reload: () => Promise<void>): HTMLElement[] {
  return data.books.map((b) => {
    const closeOut = h('div', { 'aria-live': 'polite' });
    const close: HTMLButtonElement | null = b.status === 'open'
      ? h('button', {
          type: 'button',
          class: 'btn btn--danger',
          'data-action': 'close-book',
          onClick: () => {
            if (!window.confirm(t('book.closeConfirm', { book: b.book }))) return;
            void act(close!, closeOut, async () => {
              const res = await api.closeBook(b.id);
              await reload();
              return successBox(t('book.closed', { book: res.book, total: String(res.total), code: res.verifyCode, next: res.next }));
            });
          },
        }, t('book.close'))
      : null;
    return h(
      'section',
      { class: 'card', 'data-book': b.id },
      h('h2', null, t('book.heading', { book: b.book }), ' — ', b.status === 'open' ? t('book.status.open') : t('book.status.closed', { total: String(b.total ?? 0) })),
      b.verifyCode ? h('p', null, h('a', { href: `/verify/${b.verifyCode}`, class: 'mono' }, b.verifyCode)) : null,
      b.lines.length === 0
        ? h('p', { class: 'empty' }, t('book.empty'))
        : table(
            [t('book.col.no'), t('book.col.date'), t('book.col.requester'), t('book.col.document'), t('book.col.pages'), t('book.col.copies'), t('book.col.signer'), t('book.col.fee'), t('book.col.note')],
            b.lines.map((l) => [
              String(l.number),
              date(l.date),
              serverText([l.requesterName, l.requesterIdNo].filter(Boolean).join(' — ')),
              serverText(l.documentName),
              String(l.pages),
              String(l.copies),
              serverText([l.signerName, l.signerTitle].filter(Boolean).join(', ')),
              money(l.fee),
              serverText(l.note),
            ]),
            { caption: t('book.heading', { book: b.book }) },
          ),
      close,
      closeOut,
    );
  });
}
