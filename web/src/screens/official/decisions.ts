import { h, newId } from '../../core/dom';
import { api } from '../../core/endpoints';
import { dateTime, numberAndBook } from '../../core/format';
import { REFUSAL_CODES, type RefusalCode, type RequestDetail } from '../../core/types';
import { act, field, icon } from '../../core/ui';
import { t } from '../../i18n';

/** The official's forms on a request: certify/issue, refuse, extend; and revoke an issued copy. */

export type Done = (message: string) => Promise<void>;

function confirmBox(label: string, onChange: (checked: boolean) => void): HTMLElement {
  const id = newId('confirm');
  const box = h('input', { type: 'checkbox', id });
  box.addEventListener('change', () => onChange(box.checked));
  return h('div', { class: 'checkbox' }, box, h('label', { for: id }, label));
}

export function issueForm(r: RequestDetail, done: Done): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const certify = r.kind === 'certify-copy';
  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--primary',
      disabled: true,
      'data-action': certify ? 'certify' : 'issue',
      onClick: () =>
        void act(button, out, async () => {
          const res = certify ? await api.certify(r.id) : await api.issue(r.id);
          await done(t('off.issued', { no: numberAndBook(r.kind, res.number, res.book), code: res.verifyCode }));
        }),
    },
    icon('shield'),
    certify ? t('off.certify') : t('off.issue'),
  );
  return h(
    'div',
    { class: 'decision' },
    confirmBox(certify ? t('off.confirmCompared') : t('off.confirmEntry'), (ok) => {
      button.disabled = !ok;
    }),
    h('div', { class: 'actions' }, button),
    out,
  );
}

export function rejectForm(r: RequestDetail, done: Done): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const reason = h('select', { name: 'reasonCode' }, h('option', { value: '' }, t('off.reject.choose')), REFUSAL_CODES.map((c) => h('option', { value: c }, t(`reason.${c}`))));
  const detail = h('textarea', { name: 'detail', rows: 3, maxlength: 1000 });
  const form: HTMLFormElement = h(
    'form',
    { class: 'form', novalidate: true },
    field(t('off.reject.reason'), reason, { required: true }),
    field(t('off.reject.detail'), detail, { hint: t('off.reject.detailHint') }),
  );
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--danger' }, t('off.reject.submit'));
  form.append(h('div', { class: 'actions' }, button), out);
  reason.addEventListener('change', () => {
    detail.required = reason.value === 'other';
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(button, out, async () => {
      if (!reason.value) throw invalid(reason, t('off.reject.reasonRequired'));
      if (reason.value === 'other' && !detail.value.trim()) throw invalid(detail, t('off.reject.detailRequired'));
      await api.reject(r.id, reason.value as RefusalCode, detail.value.trim() || undefined);
      await done(t('off.reject.done'));
    });
  });
  return h('details', { class: 'panel' }, h('summary', null, t('off.reject.heading')), form);
}

export function extendForm(r: RequestDetail, done: Done): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const days = h('select', { name: 'workingDays' }, h('option', { value: '1' }, t('off.extend.day1')), h('option', { value: '2' }, t('off.extend.day2')));
  const reason = h('input', { type: 'text', name: 'reason', maxlength: 500 });
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--secondary' }, t('off.extend.submit'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'form', novalidate: true },
    h('p', { class: 'hint' }, t('off.extend.text')),
    field(t('off.extend.days'), days, { required: true }),
    field(t('off.extend.reason'), reason, { required: true }),
    h('div', { class: 'actions' }, button),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(button, out, async () => {
      if (!reason.value.trim()) throw invalid(reason, t('off.extend.reason'));
      const res = await api.extend(r.id, Number(days.value) as 1 | 2, reason.value.trim());
      await done(t('off.extend.done', { due: dateTime(res.dueAt) }));
    });
  });
  return h('details', { class: 'panel' }, h('summary', null, t('off.extend.heading')), form);
}

export function revokeForm(documentId: string, done: Done): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const reason = h('textarea', { name: 'reason', rows: 3, maxlength: 1000 });
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--danger', disabled: true }, t('off.revoke.submit'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'form', novalidate: true },
    h('p', { class: 'hint' }, t('off.revoke.text')),
    field(t('off.revoke.reason'), reason, { required: true }),
    confirmBox(t('off.revoke.confirm'), (ok) => {
      button.disabled = !ok;
    }),
    h('div', { class: 'actions' }, button),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(button, out, async () => {
      if (!reason.value.trim()) throw invalid(reason, t('off.revoke.reason'));
      await api.revoke(documentId, reason.value.trim());
      await done(t('off.revoke.done'));
    });
  });
  return h('details', { class: 'panel' }, h('summary', null, t('off.revoke.heading')), form);
}

/** Marks a control invalid and returns the error to show. */
function invalid(control: HTMLElement, message: string): Error {
  control.setAttribute('aria-invalid', 'true');
  control.focus();
  control.addEventListener('input', () => control.removeAttribute('aria-invalid'), { once: true });
  return new Error(message);
}
