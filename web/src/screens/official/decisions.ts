import { h, newId } from '../../core/dom';
import { api } from '../../core/endpoints';
import { dateTime } from '../../core/format';
import { REFUSAL_CODES, type RefusalCode, type RegisterRefusalGround, type RequestDetail } from '../../core/types';
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
          await done(t('off.issued', { no: res.certificationNo, code: res.verifyCode }));
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

/**
 * The decision on a register-copy requester's right (Decree 23/2015 Art. 16(2), 17(1)): accept
 * the evidence, or refuse — not entitled, or no information in the register (Art. 17(2)) — with
 * a note that the sealed written reply prints. `refuseOnly` once the right is established.
 */
export function entitlementForm(r: RequestDetail, done: Done, options: { refuseOnly?: boolean } = {}): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const decision = h(
    'select',
    { name: 'decision' },
    ...(options.refuseOnly ? [] : [h('option', { value: 'accepted' }, t('off.entitlement.accept'))]),
    h('option', { value: 'refused:not-entitled' }, t('off.entitlement.refuseNotEntitled')),
    h('option', { value: 'refused:no-information' }, t('off.entitlement.refuseNoInformation')),
  );
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 1000 });
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'entitlement' }, t('off.entitlement.submit'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'form', novalidate: true },
    field(t('off.entitlement.decision'), decision, { required: true }),
    field(t('off.entitlement.note'), note, { hint: t('off.entitlement.noteHint'), required: true }),
    h('div', { class: 'actions' }, button),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(button, out, async () => {
      if (note.value.trim().length < 3) throw invalid(note, t('off.entitlement.noteHint'));
      const [d, ground] = decision.value.split(':') as ['accepted' | 'refused', RegisterRefusalGround | undefined];
      await api.decideEntitlement(r.id, { decision: d, note: note.value.trim(), ...(ground ? { refusalGround: ground } : {}) });
      await done(t(d === 'accepted' ? 'off.entitlement.accepted' : 'off.entitlement.refused'));
    });
  });
  return options.refuseOnly ? h('details', { class: 'panel' }, h('summary', null, t('off.entitlement.refuseHeading')), form) : form;
}
