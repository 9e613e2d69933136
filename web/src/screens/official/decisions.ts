import { jwtClaims } from '../../core/cognito';
import { h, newId } from '../../core/dom';
import { api } from '../../core/endpoints';
import { dateTime, numberAndBook } from '../../core/format';
import { getSession } from '../../core/session';
import { REFUSAL_CODES, type OriginalCheckMethod, type RefusalCode, type RegisterRefusalGround, type RequestDetail } from '../../core/types';
import { act, field, icon, serverText } from '../../core/ui';
import { t } from '../../i18n';

/**
 * The official's forms on a request: certify/issue, refuse, extend; and revoke an issued copy.
 * Each is a plain form; the request screen opens it below the decision's button.
 */

export type Done = (message: string) => Promise<void>;

function confirmBox(label: string, onChange: (checked: boolean) => void): HTMLElement {
  const id = newId('confirm');
  const box = h('input', { type: 'checkbox', id });
  box.addEventListener('change', () => onChange(box.checked));
  return h('div', { class: 'checkbox' }, box, h('label', { for: id }, label));
}

/**
 * Certify (a copy from an original) or issue (a copy from a master register). Certifying takes the
 * recorded check of the paper original (Decree 45/2020 Art. 10(3)) — recorded here, on the server,
 * with who and when — and a signer record of the agency (Decree 23 Art. 5 as amended): an official
 * who is not a signer is told so instead of getting a button that can only fail.
 */
export function issueForm(r: RequestDetail, done: Done): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const certify = r.kind === 'certify-copy';
  const signer = h('div', { 'aria-live': 'polite' });
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
  let isSigner = false;
  // A register copy waits for the official's confirmation below; a certified copy for the recorded check.
  let ready = certify && r.originalCheck !== undefined;
  const update = () => {
    button.disabled = !(isSigner && ready);
  };
  void mySignerRecord().then(
    (title) => {
      isSigner = title !== undefined;
      signer.replaceChildren(isSigner ? h('p', { class: 'hint', 'data-testid': 'signer-title' }, t('off.signer.as', { title: title! })) : h('p', { class: 'notice notice--warn', role: 'note', 'data-testid': 'not-signer' }, t('off.signer.none')));
      update();
    },
    () => signer.replaceChildren(h('p', { class: 'notice notice--warn', role: 'note' }, t('off.signer.unknown'))),
  );
  return h(
    'div',
    { class: 'decision' },
    certify
      ? originalCheckPart(r, done)
      : confirmBox(t('off.confirmEntry'), (ok) => {
          ready = ok;
          update();
        }),
    signer,
    h('div', { class: 'actions' }, button),
    out,
  );
}

/** The title under which the signed-in official may sign now, or undefined when they may not. */
async function mySignerRecord(): Promise<string | undefined> {
  const session = getSession();
  const sub = session ? jwtClaims(session.token)?.sub : undefined;
  if (!session?.agencyId || typeof sub !== 'string') return undefined;
  const now = Date.now();
  const { items } = await api.signers(session.agencyId);
  return items.find((s) => s.userSub === sub && Date.parse(s.validFrom) <= now && (!s.validTo || now < Date.parse(s.validTo)))?.title;
}

/** The check of the paper original: who checked it and when once recorded, else the form to record it. */
function originalCheckPart(r: RequestDetail, done: Done): HTMLElement {
  if (r.originalCheck) {
    const c = r.originalCheck;
    return h(
      'div',
      { class: 'notice notice--success', 'data-testid': 'original-check' },
      icon('check'),
      ' ',
      t('off.check.recorded', { who: c.by.name ?? c.by.sub, at: dateTime(c.at), how: t(c.method === 'presented-at-counter' ? 'off.check.presented' : 'off.check.captured') }),
      c.note ? h('span', null, ' — ', serverText(c.note)) : null,
    );
  }
  const out = h('div', { 'aria-live': 'polite' });
  const method = h(
    'select',
    { name: 'method' },
    h('option', { value: 'presented-at-counter' }, t('off.check.presented')),
    h('option', { value: 'captured-by-official' }, t('off.check.captured')),
  );
  const note = h('input', { type: 'text', name: 'note', maxlength: 500 });
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--secondary', 'data-action': 'original-check' }, t('off.check.submit'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'form', novalidate: true },
    h('p', { class: 'hint' }, t('off.check.text')),
    field(t('off.check.method'), method, { required: true }),
    field(t('off.check.note'), note),
    h('div', { class: 'actions' }, button),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(button, out, async () => {
      await api.originalCheck(r.id, method.value as OriginalCheckMethod, note.value.trim() || undefined);
      await done(t('off.check.done'));
    });
  });
  return form;
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
  return form;
}

export function extendForm(r: RequestDetail, done: Done): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  // Only what is left of the 2 working days the official may grant alone (Decree 23/2015 Art. 21(4)).
  const left = r.extensionDaysLeft ?? 2;
  const days = h('select', { name: 'workingDays' }, h('option', { value: '1' }, t('off.extend.day1')), left >= 2 ? h('option', { value: '2' }, t('off.extend.day2')) : null);
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
  return form;
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
  return form;
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
  return form;
}
