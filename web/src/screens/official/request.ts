import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { render, type Screen } from '../../core/router';
import type { RequestDetail } from '../../core/types';
import { facts, heading, section, serverText, successBox } from '../../core/ui';
import { t } from '../../i18n';
import { documentFacts } from '../public/verdict';
import { originalsPanel } from '../shared/original-viewer';
import { historyList, requestFacts, requestNotes } from '../shared/request-parts';
import { entitlementForm, extendForm, issueForm, rejectForm, revokeForm } from './decisions';

/** A message to show once after the page is redrawn (the outcome of the last action). */
let flash: { id: string; message: string } | undefined;

/**
 * /official/requests/{id} — the original's pages (or the register entry) beside the request's
 * metadata, and the decisions: certify or issue, refuse with a legal reason, extend the time
 * limit; for an issued request, the copy and its revocation.
 */
export const officialRequestScreen: Screen = async ({ view, params }) => {
  const h1 = heading(t('req.heading', { title: '…' }));
  const note = h('div', { 'aria-live': 'polite' });
  const body = h('div');
  view.append(h('p', null, h('a', { href: '/official' }, `← ${t('queue.title')}`)), h1, note, body);
  if (flash?.id === params.id) {
    note.append(successBox(flash.message));
    flash = undefined;
  }
  const done = async (message: string) => {
    flash = { id: params.id, message };
    await render();
  };
  await section(body, () => api.getRequest(params.id), (r) => {
    h1.textContent = t('req.heading', { title: r.title });
    document.title = `${h1.textContent} — ${t('app.name')}`;
    const factsBox = h('div');
    void requestFacts(r, { showCitizen: true }).then((f) => factsBox.append(f));
    const left =
      r.kind === 'certify-copy'
        ? h('section', { class: 'card pane-source', 'aria-labelledby': 'src-h' }, h('h2', { id: 'src-h' }, t('off.original')), originalsPanel(r.id, r.originals, { autoShow: true }))
        : h('section', { class: 'card pane-source', 'aria-labelledby': 'src-h' }, h('h2', { id: 'src-h' }, t('off.entry')), entryBox(r), r.originals.length ? originalsPanel(r.id, r.originals, { autoShow: false }) : null);
    return h(
      'div',
      { class: 'split' },
      left,
      h(
        'div',
        { class: 'pane-side' },
        h('section', { class: 'card', 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, t('req.facts')), ...requestNotes(r), factsBox, r.entitlement ? claimBox(r) : null),
        decisions(r, done),
        h('section', { class: 'card', 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, t('req.history')), historyList(r.history)),
      ),
    );
  });
};

function decisions(r: RequestDetail, done: (m: string) => Promise<void>): HTMLElement | null {
  if (r.status === 'awaiting-entitlement') {
    return h('section', { class: 'card', 'aria-labelledby': 'dec-h' }, h('h2', { id: 'dec-h' }, t('off.entitlement.heading')), entitlementForm(r, done));
  }
  if (r.status === 'submitted' && r.kind === 'register-copy') {
    // Decree 23/2015 Art. 16/17: a register copy is refused on its own grounds (in writing), and its time limit is not extended.
    return h('section', { class: 'card', 'aria-labelledby': 'dec-h' }, h('h2', { id: 'dec-h' }, t('off.decide')), issueForm(r, done), entitlementForm(r, done, { refuseOnly: true }));
  }
  if (r.status === 'submitted') {
    return h('section', { class: 'card', 'aria-labelledby': 'dec-h' }, h('h2', { id: 'dec-h' }, t('off.decide')), issueForm(r, done), rejectForm(r, done), extendForm(r, done));
  }
  if (r.status === 'issued' && r.documentId) {
    const box = h('div');
    const documentId = r.documentId;
    void section(box, () => api.document(documentId), (doc) => [
      documentFacts(doc),
      h('p', null, h('a', { href: `/verify/${doc.verifyCode}` }, t('doc.openVerify'))),
      doc.status === 'valid' ? revokeForm(documentId, done) : null,
    ]);
    return h('section', { class: 'card card--result', 'aria-labelledby': 'doc-h' }, h('h2', { id: 'doc-h' }, t('off.document')), box);
  }
  return null;
}

/** The register entry a register-copy request names, with the register's field labels. */
function entryBox(r: RequestDetail): HTMLElement {
  const box = h('div');
  if (!r.registerId || !r.entryNo) return box;
  const registerId = r.registerId;
  const entryNo = r.entryNo;
  void section(
    box,
    async () => {
      const [entry, registers] = await Promise.all([api.entry(registerId, entryNo, { requestId: r.id }), api.registers().catch(() => [])]);
      return { entry, register: registers.find((x) => x.id === registerId) };
    },
    ({ entry, register }) => [
      register ? h('p', null, serverText(register.title), ` — ${t('reg.entryNo')} ${entry.entryNo}`) : null,
      facts(
        (register?.fields ?? Object.keys(entry.data).map((name) => ({ name, label: name }))).map((f) => [f.label, entry.data[f.name] ? serverText(entry.data[f.name]) : null]),
      ),
    ],
  );
  return box;
}

/** What the requester declared: their ground and the subject as they named them (Decree 23/2015 Art. 16(2), 17(1)). */
function claimBox(r: RequestDetail): HTMLElement {
  const e = r.entitlement!;
  return h(
    'div',
    { class: 'notice notice--info', 'data-testid': 'claim' },
    facts([
      [t('off.entitlement.ground'), t(`new.ground.${e.ground}`)],
      [t('off.entitlement.status'), t(`entitlement.${e.status}`)],
      [t('new.subjectName'), e.subjectName ? serverText(e.subjectName) : null],
      [t('new.subjectBirthDate'), e.subjectBirthDate ?? null],
    ]),
  );
}
