import { agencies } from '../../core/agencies';
import { h, newId } from '../../core/dom';
import { api } from '../../core/endpoints';
import { bytes, dateTime, money } from '../../core/format';
import type { Screen } from '../../core/router';
import type { Agency, EntitlementGround, Quote, RequestKind, RequestRecord } from '../../core/types';
import { displayRequestCode } from '../../../../shared/contracts/request-code';
import { errorBox, facts, field, heading, successBox } from '../../core/ui';
import { uploadWithProgress, UploadError } from '../../core/upload';
import { t } from '../../i18n';
import { confirmDialog } from '../shared/confirm-dialog';

const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'];
/** The grounds of Decree 23/2015 Art. 16(2), own record first. */
const GROUNDS: EntitlementGround[] = ['self', 'legal-representative', 'authorised-representative', 'relative-of-deceased', 'heir-of-deceased'];

function contentTypeOf(file: File): string | undefined {
  if (ACCEPTED.includes(file.type)) return file.type;
  const ext = file.name.toLowerCase().split('.').pop();
  return ext === 'pdf' ? 'application/pdf' : ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : ext === 'png' ? 'image/png' : undefined;
}

/**
 * /citizen/new — file a request. Certified copy: pick the agency, name the paper, choose the
 * scans; they go straight to the presigned URLs with a progress bar each. Then, before anything is
 * submitted, the draft's code, pages, fee and due time (GET …/quote) are shown for review: submit,
 * or cancel the draft after a confirmation. Register copy: pick register and entry.
 */
export const newRequestScreen: Screen = async ({ view }) => {
  let list: Agency[] = [];
  try {
    list = await agencies();
  } catch {
    list = [];
  }
  const kind = (): RequestKind => (form.querySelector<HTMLInputElement>('input[name=kind]:checked')?.value as RequestKind) ?? 'certify-copy';

  const agencySelect = h('select', { name: 'agencyId' });
  const agencyInput = h('input', { type: 'text', name: 'agencyId', autocomplete: 'off' });
  const title = h('input', { type: 'text', name: 'title', maxlength: 200, autocomplete: 'off' });
  const files = h('input', { type: 'file', name: 'files', multiple: true, accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png' });
  const registerSelect = h('select', { name: 'registerId' });
  const entryNo = h('input', { type: 'text', name: 'entryNo', autocomplete: 'off' });
  // Decree 23/2015 Art. 16(2): one's own record (matched on the verified ID number), or someone
  // else's on a declared ground, with the subject's name and date of birth and the evidence.
  const ground = h('select', { name: 'ground' }, ...GROUNDS.map((g) => h('option', { value: g }, t(`new.ground.${g}`))));
  const subjectName = h('input', { type: 'text', name: 'subjectName', maxlength: 200, autocomplete: 'off' });
  const subjectBirthDate = h('input', { type: 'date', name: 'subjectBirthDate' });
  const evidence = h('input', { type: 'file', name: 'evidence', multiple: true, accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png' });
  const otherPart = h(
    'div',
    null,
    field(t('new.subjectName'), subjectName, { required: true }),
    field(t('new.subjectBirthDate'), subjectBirthDate, { required: true }),
    field(t('new.evidence'), evidence, { hint: t('new.evidence.hint'), required: true }),
  );
  const self = () => ground.value === 'self';
  const switchGround = () => {
    otherPart.hidden = self() || kind() !== 'register-copy';
    subjectName.required = subjectBirthDate.required = evidence.required = !otherPart.hidden;
  };
  ground.addEventListener('change', switchGround);
  const fileList = h('ul', { class: 'file-list' });
  const bars = h('ul', { class: 'progress-list' });
  const out = h('div', { class: 'outcome' });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('new.continue'));

  // Two scans declared as an ID card's front and back are printed together on one A4 page.
  const idCard = h('input', { type: 'checkbox', id: 'new-id-card', name: 'idCard', 'aria-describedby': 'new-id-card-h' });
  const idCardBox = h('div', { class: 'checkbox' }, idCard, h('label', { for: 'new-id-card' }, t('new.idCard')), h('p', { class: 'hint', id: 'new-id-card-h' }, t('new.idCard.hint')));
  const certifyPart = h('div', null, field(t('new.files'), files, { hint: t('new.files.hint'), required: true }), fileList, idCardBox);
  const registerPart = h(
    'div',
    null,
    field(t('new.register'), registerSelect, { required: true }),
    field(t('new.entryNo'), entryNo, { hint: t('new.entryNo.hint'), required: true }),
    field(t('new.ground'), ground, { hint: t('new.ground.hint'), required: true }),
    otherPart,
  );

  const radio = (value: RequestKind, label: string, hint: string) => {
    const id = newId('kind');
    return h('div', { class: 'radio' }, h('input', { type: 'radio', name: 'kind', value, id, checked: value === 'certify-copy', 'aria-describedby': `${id}-h` }), h('label', { for: id }, label), h('p', { class: 'hint', id: `${id}-h` }, hint));
  };

  const fillAgencies = () => {
    const k = kind();
    const fitting = list.filter((a) => (k === 'certify-copy' ? a.kind === 'commune' : a.registers.length > 0));
    const previous = agencySelect.value;
    agencySelect.replaceChildren(h('option', { value: '' }, t('new.agency.choose')), ...fitting.map((a) => h('option', { value: a.id }, a.name)));
    if (fitting.some((a) => a.id === previous)) agencySelect.value = previous;
    fillRegisters();
  };
  const fillRegisters = () => {
    const agency = list.find((a) => a.id === agencySelect.value);
    registerSelect.replaceChildren(h('option', { value: '' }, t('new.register.choose')), ...(agency?.registers ?? []).map((r) => h('option', { value: r.id }, r.title)));
    if (agency?.registers.length === 1) registerSelect.value = agency.registers[0].id;
  };
  const switchKind = () => {
    const k = kind();
    certifyPart.hidden = k !== 'certify-copy';
    registerPart.hidden = k !== 'register-copy';
    files.required = k === 'certify-copy';
    registerSelect.required = entryNo.required = k === 'register-copy';
    switchGround();
    fillAgencies();
  };
  agencySelect.addEventListener('change', fillRegisters);
  registerSelect.addEventListener('change', () => {
    if (!title.value) title.value = registerSelect.selectedOptions[0]?.textContent ?? '';
  });
  files.addEventListener('change', () => {
    fileList.replaceChildren(...[...(files.files ?? [])].map((f) => h('li', null, `${f.name} (${bytes(f.size)})`)));
  });

  const form: HTMLFormElement = h(
    'form',
    { class: 'form', novalidate: true },
    h('fieldset', null, h('legend', null, t('new.kind')), radio('certify-copy', t('kind.certify-copy'), t('new.kind.certify.hint')), radio('register-copy', t('kind.register-copy'), t('new.kind.register.hint'))),
    list.length > 0 ? field(t('new.agency'), agencySelect, { required: true }) : field(t('new.agency.id'), agencyInput, { required: true }),
    registerPart,
    field(t('new.docTitle'), title, { hint: t('new.docTitle.hint'), required: true }),
    certifyPart,
    h('div', { class: 'actions' }, submit),
    bars,
    out,
  );
  form.addEventListener('change', (e) => {
    if ((e.target as HTMLInputElement).name === 'kind') switchKind();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void send();
  });
  view.append(heading(t('new.title')), form);
  switchKind();

  /** The draft's code, pages, fee and due time, with the two ways on: submit, or cancel after confirming. */
  function review(created: RequestRecord, quote: Quote, k: RequestKind): HTMLElement {
    const code = displayRequestCode(created);
    const note = h('div', { 'aria-live': 'polite' });
    const confirmSubmit: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'submit' }, t('new.submit'));
    const cancel: HTMLButtonElement = h('button', { type: 'button', class: 'btn btn--danger', 'data-action': 'cancel' }, t('new.review.cancel'));
    const box = h(
      'section',
      { class: 'card review', 'aria-labelledby': 'review-h', 'data-testid': 'review' },
      h('h2', { id: 'review-h', tabindex: -1 }, t('new.review.title')),
      h('p', null, t('new.review.text')),
      facts([
        [t('req.id'), h('span', { class: 'mono request-code', 'data-testid': 'request-code' }, code)],
        [t('new.review.pages'), String(quote.pages)],
        [t('new.review.fee'), h('span', null, h('strong', { 'data-testid': 'quote-fee' }, money(quote.fee)), h('span', { class: 'hint' }, ' ', t(k === 'certify-copy' ? 'new.review.feeBasis' : 'new.review.feeRegister')))],
        [t('new.review.due'), quote.dueAt ? h('span', null, h('strong', { 'data-testid': 'quote-due' }, dateTime(quote.dueAt)), h('span', { class: 'hint' }, ' ', t('new.review.dueBasis'))) : t('new.review.dueLater')],
      ]),
      h('div', { class: 'actions' }, confirmSubmit, cancel),
      note,
    );
    confirmSubmit.addEventListener('click', () => {
      void (async () => {
        confirmSubmit.disabled = cancel.disabled = true;
        confirmSubmit.setAttribute('aria-busy', 'true');
        note.replaceChildren(h('p', { class: 'loading', role: 'status' }, t('new.step.submit')));
        try {
          const done = await api.submit(created.id);
          box.replaceWith(submittedBox(done));
          out.querySelector<HTMLElement>('.notice__title')?.focus();
        } catch (error) {
          note.replaceChildren(errorBox(error));
          confirmSubmit.disabled = cancel.disabled = false;
        } finally {
          confirmSubmit.removeAttribute('aria-busy');
        }
      })();
    });
    cancel.addEventListener('click', () => {
      void (async () => {
        const yes = await confirmDialog({ title: t('confirm.cancel.title'), text: t('confirm.cancel.text', { code }), confirm: t('confirm.cancel.yes'), keep: t('confirm.cancel.keep') });
        if (!yes) return cancel.focus();
        confirmSubmit.disabled = cancel.disabled = true;
        try {
          await api.cancel(created.id);
          box.replaceWith(successBox(h('p', { class: 'notice__title', tabindex: -1, 'data-testid': 'cancelled' }, t('new.cancelled', { code }))));
          out.querySelector<HTMLElement>('.notice__title')?.focus();
        } catch (error) {
          note.replaceChildren(errorBox(error));
          confirmSubmit.disabled = cancel.disabled = false;
        }
      })();
    });
    return box;
  }

  async function send(): Promise<void> {
    if (!form.reportValidity()) return;
    const k = kind();
    const asOther = k === 'register-copy' && !self();
    const chosen = [...((k === 'certify-copy' ? files : evidence).files ?? [])];
    if (k === 'certify-copy' || asOther) {
      if (chosen.length === 0) return void out.replaceChildren(errorBox(new Error(t('new.needFiles'))));
      const bad = chosen.find((f) => !contentTypeOf(f));
      if (bad) return void out.replaceChildren(errorBox(new Error(t('new.badType', { name: bad.name }))));
      if (k === 'certify-copy' && idCard.checked && (chosen.length !== 2 || chosen.some((f) => contentTypeOf(f) === 'application/pdf'))) {
        return void out.replaceChildren(errorBox(new Error(t('new.idCard.needTwo'))));
      }
    }
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    const step = h('p', { class: 'loading', role: 'status' });
    bars.replaceChildren();
    out.replaceChildren(step);
    let created: RequestRecord | undefined;
    try {
      step.textContent = t('new.step.create');
      created = await api.createRequest({
        kind: k,
        agencyId: list.length > 0 ? agencySelect.value : agencyInput.value.trim(),
        title: title.value.trim(),
        ...(k === 'register-copy'
          ? {
              registerId: registerSelect.value,
              entryNo: entryNo.value.trim(),
              ground: ground.value as EntitlementGround,
              ...(asOther ? { subjectName: subjectName.value.trim(), subjectBirthDate: subjectBirthDate.value } : {}),
            }
          : {}),
      });
      if (k === 'certify-copy' || asOther) {
        step.textContent = t('new.step.upload');
        const sides = k === 'certify-copy' && idCard.checked ? (['id-card-front', 'id-card-back'] as const) : [];
        for (const [i, file] of chosen.entries()) await uploadOne(created.id, file, bars, sides[i]);
      }
      step.textContent = t('new.step.quote');
      const quote = await api.quote(created.id);
      form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button').forEach((c) => (c.disabled = true));
      out.replaceChildren(review(created, quote, k));
      out.querySelector<HTMLElement>('#review-h')?.focus();
    } catch (error) {
      const box = errorBox(error);
      out.replaceChildren(box);
      if (created) box.append(h('p', null, t('new.savedDraft'), ' ', h('a', { href: `/citizen/requests/${created.id}` }, t('new.openRequest'))));
      submit.disabled = false;
    } finally {
      submit.removeAttribute('aria-busy');
    }
  }
};

async function uploadOne(requestId: string, file: File, bars: HTMLElement, side?: 'id-card-front' | 'id-card-back'): Promise<void> {
  const progress = h('progress', { max: file.size || 1, value: 0, 'aria-label': t('upload.progress', { name: file.name }), 'data-file': file.name });
  const pct = h('span', { class: 'progress__pct', 'aria-hidden': 'true' }, '0 %');
  bars.append(h('li', null, h('span', { class: 'progress__name' }, file.name), progress, pct));
  const ticket = await api.addOriginal(requestId, { fileName: file.name, contentType: contentTypeOf(file)!, size: file.size, ...(side ? { side } : {}) });
  try {
    await uploadWithProgress(ticket, file, (loaded, total) => {
      progress.max = total;
      progress.value = loaded;
      pct.textContent = `${Math.round((loaded / (total || 1)) * 100)} %`;
    });
  } catch (error) {
    throw new Error(t('new.uploadFailed', { name: file.name, status: error instanceof UploadError ? error.status : '?' }));
  }
}

/** What submit answered: code, pages, fee and due time, and the way to the request. */
function submittedBox(done: RequestRecord): HTMLElement {
  return successBox(
    h('p', { class: 'notice__title', tabindex: -1 }, t('new.done')),
    h('p', null, t('req.id'), ': ', h('strong', { class: 'mono request-code', 'data-testid': 'submitted-code' }, displayRequestCode(done))),
    h('p', { 'data-testid': 'submitted-summary' }, t('req.submitted', { pages: done.pages ?? '—', fee: money(done.fee), due: dateTime(done.dueAt) })),
    ...(done.status === 'awaiting-entitlement' ? [h('p', { 'data-testid': 'awaiting-entitlement' }, t('new.awaitingEntitlement'))] : []),
    h('p', null, h('a', { href: `/citizen/requests/${done.id}`, class: 'btn btn--secondary' }, t('new.openRequest'))),
  );
}
