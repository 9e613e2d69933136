import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { numberAndBook } from '../../core/format';
import type { Screen } from '../../core/router';
import type { Register, RegisterEntry, RegisterField } from '../../core/types';
import { act, errorBox, field, heading, section, serverText, successBox, table } from '../../core/ui';
import { clearFieldErrors, focusFirstInvalid, setFieldError, showProblemOnFields } from '../../core/field-errors';
import { ApiError, saveBlob } from '../../core/api';
import { t } from '../../i18n';
import { ENTRY_NO_LABEL, displayFromIso, isCalendarDate, isoFromDisplay } from '../../../../shared/contracts/register-text';

/**
 * /official/registers — the agency's master registers: search entries, add one, import many from
 * CSV, and issue a copy of an entry to a requester at the counter.
 */
export const registersScreen: Screen = async ({ view, query }) => {
  const body = h('div');
  view.append(heading(t('reg.title')), body);
  await section(body, () => api.registers(), (registers) => {
    if (registers.length === 0) return h('p', { class: 'empty' }, t('reg.none'));
    const pick = h('select', { name: 'register' }, registers.map((r) => h('option', { value: r.id }, r.title)));
    const wanted = query.get('register');
    if (wanted && registers.some((r) => r.id === wanted)) pick.value = wanted;
    const content = h('div');
    const show = () => content.replaceChildren(registerView(registers.find((r) => r.id === pick.value) ?? registers[0]));
    pick.addEventListener('change', show);
    show();
    // One register: its name is the heading of its view; several: picked by name, never by id.
    return [registers.length > 1 ? field(t('reg.pick'), pick) : null, content];
  });
};

function registerView(register: Register): HTMLElement {
  const results = h('div', { 'aria-live': 'polite' });
  const counter = h('div');
  const q = h('input', { type: 'search', name: 'q', autocomplete: 'off' });
  // Every look into a register says why; the server records it with who looked (audit trail).
  const reason = h('input', { type: 'text', name: 'reason', minlength: 5, maxlength: 300, required: true, autocomplete: 'off' });
  const search = async () => {
    counter.replaceChildren();
    await section(results, () => api.entries(register.id, q.value.trim() || undefined, reason.value.trim()), (p) => entriesTable(register, p.items, counter));
  };
  const searchForm: HTMLFormElement = h(
    'form',
    { class: 'form form--inline', role: 'search' },
    field(t('reg.search'), q, { hint: t('reg.search.hint') }),
    field(t('reg.reason'), reason, { hint: t('reg.reason.hint'), required: true }),
    h('button', { type: 'submit', class: 'btn btn--primary' }, t('reg.searchBtn')),
  );
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!searchForm.reportValidity()) return;
    void search();
  });
  return h(
    'div',
    { 'data-register': register.id },
    h('h2', { class: 'register-title' }, serverText(register.title)),
    h('section', { class: 'card', 'aria-labelledby': 'entries-h' }, h('h2', { id: 'entries-h' }, t('reg.entries')), searchForm, results, counter),
    h('div', { class: 'cards cards--two' }, addEntryForm(register), importForm(register)),
  );
}

function entriesTable(register: Register, items: RegisterEntry[], counter: HTMLElement): HTMLElement {
  if (items.length === 0) return h('p', { class: 'empty' }, t('reg.noEntries'));
  const shown = register.fields.slice(0, 3);
  return table(
    [t('reg.entryNo'), ...shown.map((f) => f.label), t('col.actions')],
    items.map((e) => [
      h('span', { class: 'mono' }, e.entryNo),
      ...shown.map((f) => serverText(f.type === 'date' ? displayFromIso(e.data[f.name] ?? '') : (e.data[f.name] ?? ''))),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn--secondary btn--small',
          onClick: () => {
            counter.replaceChildren(counterIssueForm(register, e));
            counter.querySelector<HTMLInputElement>('input')?.focus();
          },
        },
        t('reg.issue', { no: e.entryNo }),
      ),
    ]),
  );
}

/** Create, submit and issue a register copy for a requester at the counter. */
function counterIssueForm(register: Register, entry: RegisterEntry): HTMLElement {
  const citizenId = h('input', { type: 'text', name: 'citizenId', inputmode: 'numeric', pattern: '\\d{12}', maxlength: 12, autocomplete: 'off' });
  const requesterName = h('input', { type: 'text', name: 'requesterName', maxlength: 200, autocomplete: 'off' });
  const out = h('div', { 'aria-live': 'polite' });
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--primary' }, t('reg.issue.submit'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'form card', novalidate: true },
    h('h3', null, t('reg.issue.heading'), ` — ${t('reg.entryNo')} ${entry.entryNo}`),
    h('p', { class: 'hint' }, t('reg.issue.text')),
    field(t('reg.issue.requesterName'), requesterName, { hint: t('reg.issue.requesterName.hint'), required: true }),
    field(t('reg.issue.citizenId'), citizenId, { hint: t('reg.issue.citizenId.hint'), required: true }),
    h('div', { class: 'actions' }, button),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(button, out, async () => {
      if (!requesterName.value.trim()) {
        requesterName.setAttribute('aria-invalid', 'true');
        requesterName.focus();
        throw new Error(t('reg.issue.requesterNameMissing'));
      }
      requesterName.removeAttribute('aria-invalid');
      if (!/^\d{12}$/.test(citizenId.value.trim())) {
        citizenId.setAttribute('aria-invalid', 'true');
        citizenId.focus();
        throw new Error(t('reg.issue.citizenIdInvalid'));
      }
      citizenId.removeAttribute('aria-invalid');
      const created = await api.createRequest({
        kind: 'register-copy',
        agencyId: register.agencyId,
        registerId: register.id,
        entryNo: entry.entryNo,
        title: register.copyTitle || register.title,
        citizenId: citizenId.value.trim(),
        requesterName: requesterName.value.trim(),
      });
      await api.submit(created.id);
      const issued = await api.issue(created.id);
      return successBox(
        h('p', null, t('off.issued', { no: numberAndBook('register-copy', issued.number, issued.book), code: issued.verifyCode })),
        h('p', null, h('a', { href: `/official/requests/${created.id}` }, t('new.openRequest')), ' · ', h('a', { href: `/verify/${issued.verifyCode}` }, t('doc.openVerify'))),
      );
    });
  });
  return form;
}

function control(f: RegisterField): HTMLInputElement | HTMLSelectElement {
  if (f.type === 'enum' && f.options) return h('select', { name: f.name }, h('option', { value: '' }, '—'), f.options.map((o) => h('option', { value: o }, o)));
  // A date is typed as people write it, dd/mm/yyyy, not in the browser's own date picker (whose
  // text follows the device's locale); it is sent as YYYY-MM-DD.
  if (f.type === 'date') return h('input', { type: 'text', name: f.name, inputmode: 'numeric', pattern: '\\d{1,2}/\\d{1,2}/\\d{4}', maxlength: 10, placeholder: 'dd/mm/yyyy', autocomplete: 'off' });
  return h('input', { type: 'text', name: f.name, ...(f.type === 'number' ? { inputmode: 'decimal' } : {}), autocomplete: 'off' });
}

const ENTRY_NO = /^[0-9A-Za-z][0-9A-Za-z/._-]{0,49}$/;

/** The page's own checks of an entry, each message on its field; true when all pass. */
function checkEntry(entryNo: HTMLInputElement, controls: { f: RegisterField; c: HTMLInputElement | HTMLSelectElement }[]): boolean {
  let ok = true;
  const fail = (c: HTMLInputElement | HTMLSelectElement, message: string) => {
    setFieldError(c, message);
    ok = false;
  };
  const no = entryNo.value.trim();
  if (!no) fail(entryNo, t('reg.err.required', { label: t('reg.entryNo') }));
  else if (!ENTRY_NO.test(no)) fail(entryNo, t('reg.err.entryNo'));
  for (const { f, c } of controls) {
    const v = c.value.trim();
    if (!v) {
      if (f.required) fail(c, t('reg.err.required', { label: f.label }));
    } else if (f.type === 'date' && !isCalendarDate(isoFromDisplay(v))) fail(c, t('reg.err.date', { label: f.label }));
    else if (f.type === 'number' && !/^-?\d+(\.\d+)?$/.test(v)) fail(c, t('reg.err.number', { label: f.label }));
  }
  return ok;
}

function addEntryForm(register: Register): HTMLElement {
  const entryNo = h('input', { type: 'text', name: 'entryNo', autocomplete: 'off', maxlength: 50 });
  const controls = register.fields.map((f) => ({ f, c: control(f) }));
  const byName = new Map<string, HTMLInputElement | HTMLSelectElement>([['entryNo', entryNo], ...controls.map(({ f, c }) => [f.name, c] as const)]);
  const out = h('div', { 'aria-live': 'polite' });
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--primary' }, t('reg.add.submit'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'form', novalidate: true },
    field(t('reg.entryNo'), entryNo, { required: true }),
    controls.map(({ f, c }) => field(f.label, c, { required: f.required, hint: f.type === 'date' ? t('reg.date.hint') : undefined })),
    h('div', { class: 'actions' }, button),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    if (!checkEntry(entryNo, controls)) {
      out.replaceChildren(errorBox(new Error(t('reg.err.fix'))));
      focusFirstInvalid(form);
      return;
    }
    void act(button, out, async () => {
      const data: Record<string, string> = {};
      for (const { f, c } of controls) if (c.value.trim()) data[f.name] = f.type === 'date' ? isoFromDisplay(c.value) : c.value.trim();
      try {
        const created = await api.addEntry(register.id, entryNo.value.trim(), data);
        form.reset();
        return successBox(t('reg.added', { no: created?.entryNo ?? entryNo.value }));
      } catch (error) {
        // The server's reasons go on the fields they name; a number already in the register on its own.
        if (error instanceof ApiError && error.status === 409) setFieldError(entryNo, error.problem.detail ?? error.message, { fromServer: true });
        else showProblemOnFields(error, byName);
        focusFirstInvalid(form);
        throw error;
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'add-h' }, h('h2', { id: 'add-h' }, t('reg.add.heading')), form);
}

/** The header row the import reads, with the labels the form shows (quoted where a label holds a comma). */
function templateCsv(register: Register): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  // A BOM so that a spreadsheet program opens the Vietnamese labels as UTF-8.
  return `\uFEFF${[ENTRY_NO_LABEL, ...register.fields.map((f) => f.label)].map(cell).join(',')}\r\n`;
}

/** An ASCII file name from a register's name: "mau-so-dang-ky-khai-sinh.csv". */
function templateName(register: Register): string {
  const slug = register.title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `mau-${slug || 'so-goc'}.csv`;
}


function importForm(register: Register): HTMLElement {
  const file = h('input', { type: 'file', name: 'csv', accept: '.csv,text/csv' });
  const out = h('div', { 'aria-live': 'polite' });
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--primary' }, t('reg.import.submit'));
  const columns = [ENTRY_NO_LABEL, ...register.fields.map((f) => f.label)].join('; ');
  const form: HTMLFormElement = h(
    'form',
    { class: 'form', novalidate: true },
    h('p', null, h('button', { type: 'button', class: 'btn btn--secondary', 'data-action': 'template', onClick: () => saveBlob(new Blob([templateCsv(register)], { type: 'text/csv;charset=utf-8' }), templateName(register)) }, t('reg.template'))),
    field(t('reg.import.file'), file, { hint: t('reg.import.hint', { columns }), required: true }),
    h('div', { class: 'actions' }, button),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      out.replaceChildren(errorBox(new Error(t('reg.import.file'))));
      file.focus();
      return;
    }
    void act(button, out, async () => {
      const res = await api.importCsv(register.id, chosen);
      return [
        successBox(t('reg.import.result', { n: res.imported, r: res.rejected.length })),
        res.rejected.length > 0 ? table([t('col.line'), t('col.error')], res.rejected.map((x) => [String(x.line), serverText(x.error)]), { caption: t('reg.import.rejected') }) : null,
      ];
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'import-h' }, h('h2', { id: 'import-h' }, t('reg.import.heading')), form);
}
