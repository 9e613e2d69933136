import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { date, dateTime } from '../../core/format';
import type { Screen } from '../../core/router';
import { getSession } from '../../core/session';
import type { AgencySigner } from '../../core/types';
import { act, errorBox, field, heading, section, serverText, successBox, table } from '../../core/ui';
import { t } from '../../i18n';

/**
 * /admin/signers — the agency's competent signers (Decree 23/2015 Art. 5 as amended by Decree
 * 280/2025), kept by its admin: who, the title printed, the written basis, the period. A record is
 * ended, never deleted (issued copies name their signer).
 */
export const signersScreen: Screen = async ({ view }) => {
  const agencyId = getSession()?.agencyId;
  view.append(heading(t('sig.title')), h('p', { class: 'hint' }, t('sig.intro')));
  if (!agencyId) {
    view.append(errorBox(new Error(t('sig.noAgency'))));
    return;
  }
  const note = h('div', { 'aria-live': 'polite' });
  const list = h('div');
  const reload = async (message?: string) => {
    note.replaceChildren(...(message ? [successBox(message)] : []));
    await section(list, () => api.signers(agencyId), ({ items }) => signerTable(agencyId, items, reload));
  };
  view.append(note, list, addForm(agencyId, reload));
  await reload();
};

function signerTable(agencyId: string, items: AgencySigner[], reload: (message?: string) => Promise<void>): HTMLElement {
  const now = Date.now();
  return table(
    [t('sig.name'), t('sig.printedTitle'), t('sig.decisionNo'), t('sig.validFrom'), t('sig.validTo'), ''],
    items.map((s) => {
      const open = !s.validTo;
      const out = h('span', { 'aria-live': 'polite' });
      const end: HTMLButtonElement = h(
        'button',
        { type: 'button', class: 'btn btn--danger', 'data-signer': s.signerId, onClick: () => void act(end, out, async () => {
          await api.endSigner(agencyId, s.signerId);
          await reload(t('sig.ended'));
        }) },
        t('sig.end'),
      );
      return [
        h('span', null, serverText(s.fullName), h('br'), h('small', null, serverText(s.userSub))),
        serverText(s.title),
        h('span', null, serverText(s.basis.decisionNo), ' — ', date(s.basis.decisionDate)),
        dateTime(s.validFrom),
        s.validTo ? dateTime(s.validTo) : Date.parse(s.validFrom) <= now ? t('sig.current') : '—',
        open ? h('span', null, end, out) : '',
      ];
    }),
    { caption: t('sig.title') },
  );
}

function addForm(agencyId: string, reload: (message?: string) => Promise<void>): HTMLElement {
  const out = h('div', { 'aria-live': 'polite' });
  const userSub = h('input', { type: 'text', name: 'userSub', required: true, maxlength: 200 });
  const title = h('input', { type: 'text', name: 'title', required: true, maxlength: 120 });
  const decisionNo = h('input', { type: 'text', name: 'decisionNo', required: true, maxlength: 100 });
  const decisionDate = h('input', { type: 'date', name: 'decisionDate', required: true });
  const validFrom = h('input', { type: 'date', name: 'validFrom' });
  const button: HTMLButtonElement = h('button', { type: 'submit', class: 'btn btn--primary' }, t('sig.add'));
  const form: HTMLFormElement = h(
    'form',
    { class: 'form', novalidate: true },
    field(t('sig.user'), userSub, { required: true }),
    field(t('sig.printedTitle'), title, { required: true }),
    field(t('sig.decisionNo'), decisionNo, { required: true }),
    field(t('sig.decisionDate'), decisionDate, { required: true }),
    field(t('sig.validFrom'), validFrom),
    h('div', { class: 'actions' }, button),
    out,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(button, out, async () => {
      await api.addSigner(agencyId, {
        userSub: userSub.value.trim(),
        title: title.value.trim(),
        basis: { decisionNo: decisionNo.value.trim(), decisionDate: decisionDate.value },
        // A day in Vietnam begins at 00:00 +07:00.
        ...(validFrom.value ? { validFrom: `${validFrom.value}T00:00:00+07:00` } : {}),
      });
      form.reset();
      await reload(t('sig.added'));
    });
  });
  return h('details', { class: 'panel' }, h('summary', null, t('sig.add')), form);
}
