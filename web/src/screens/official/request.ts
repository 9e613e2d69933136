import { h } from '../../core/dom';
import { api } from '../../core/endpoints';
import { render, type Screen } from '../../core/router';
import type { RequestDetail } from '../../core/types';
import { getBlob } from '../../core/api';
import type { Child } from '../../core/dom';
import { act, facts, heading, section, serverText, successBox } from '../../core/ui';
import { displayRequestCode } from '../../../../shared/contracts/request-code';
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
    h1.after(h('p', { class: 'request-code-line' }, `${t('req.id')}: `, h('strong', { class: 'mono request-code', 'data-testid': 'official-request-code' }, displayRequestCode(r))));
    const factsBox = h('div');
    void requestFacts(r, { showCitizen: true }).then((f) => factsBox.append(f));
    const left =
      r.kind === 'certify-copy'
        ? h('section', { class: 'card pane-source', 'aria-labelledby': 'src-h' }, h('h2', { id: 'src-h' }, t('off.original')), originalsPanel(r.id, r.originals, { autoShow: true }))
        : h('section', { class: 'card pane-source', 'aria-labelledby': 'src-h' }, h('h2', { id: 'src-h' }, t('off.entry')), entryBox(r), r.originals.length ? originalsPanel(r.id, r.originals, { autoShow: false }) : null);
    // The decisions first, above the original and the facts: in the first screenful at a desk.
    return [
      decisions(r, done),
      h(
        'div',
        { class: 'split' },
        left,
        h(
          'div',
          { class: 'pane-side' },
          h('section', { class: 'card', 'aria-labelledby': 'facts-h' }, h('h2', { id: 'facts-h' }, t('req.facts')), ...requestNotes(r), factsBox, r.entitlement ? claimBox(r) : null),
          h('section', { class: 'card', 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, t('req.history')), historyList(r.history)),
        ),
      ),
    ];
  });
};

/** One decision: a button in the bar that opens its form below it, or runs at once (`run`). */
interface Decision {
  id: string;
  label: string;
  kind?: 'primary' | 'danger' | 'secondary';
  /** Open when the page is drawn (the expected next step). */
  open?: boolean;
  panel?: () => HTMLElement;
  run?: (button: HTMLButtonElement, out: HTMLElement) => void;
}

/**
 * The decisions as a row of buttons (issue #20: not headings hiding collapsed sections): pressing
 * one opens its form in the panel below and closes the other; the buttons say which is open
 * (aria-expanded) and name the panel they control.
 */
function decisionBar(items: Decision[], note?: Child): HTMLElement {
  const panels = h('div', { class: 'decision-panels' });
  const out = h('div', { 'aria-live': 'polite' });
  const entries: { button: HTMLButtonElement; panel?: HTMLElement }[] = [];
  for (const d of items) {
    const panelId = `decision-${d.id}`;
    const button: HTMLButtonElement = h('button', { type: 'button', id: `${panelId}-b`, class: `btn btn--${d.kind ?? 'secondary'}`, 'data-decision': d.id }, d.label);
    if (d.run) {
      const run = d.run;
      button.addEventListener('click', () => run(button, out));
      entries.push({ button });
      continue;
    }
    // A closed panel is built when first opened (the preview is fetched only if asked for).
    const panel = h('div', { id: panelId, class: 'decision-panel', role: 'region', 'aria-labelledby': `${panelId}-b`, hidden: !d.open }, d.open ? d.panel?.() : null);
    let built = Boolean(d.open);
    button.setAttribute('aria-controls', panelId);
    button.setAttribute('aria-expanded', String(Boolean(d.open)));
    button.addEventListener('click', () => {
      const opening = panel.hidden;
      for (const e of entries) {
        if (!e.panel) continue;
        e.panel.hidden = true;
        e.button.setAttribute('aria-expanded', 'false');
      }
      if (opening && !built) {
        built = true;
        panel.append(d.panel?.() ?? '');
      }
      panel.hidden = !opening;
      button.setAttribute('aria-expanded', String(opening));
      if (opening) panel.querySelector<HTMLElement>('select, textarea, input, button:not([disabled])')?.focus();
    });
    panels.append(panel);
    entries.push({ button, panel });
  }
  return h('div', null, h('div', { class: 'decision-bar', role: 'group', 'aria-label': t('off.actions') }, entries.map((e) => e.button)), note ?? null, out, panels);
}

function decisions(r: RequestDetail, done: (m: string) => Promise<void>): HTMLElement | null {
  const card = (title: string, content: Child, className = 'card decisions') =>
    h('section', { class: className, 'aria-labelledby': 'dec-h' }, h('h2', { id: 'dec-h' }, title), content);
  if (r.status === 'awaiting-entitlement') {
    return card(t('off.entitlement.heading'), entitlementForm(r, done));
  }
  if (r.status === 'submitted' && r.kind === 'register-copy') {
    // Decree 23/2015 Art. 16/17: a register copy is refused on its own grounds (in writing), and its time limit is not extended.
    return card(
      t('off.decide'),
      decisionBar([
        { id: 'issue', label: t('off.action.issue'), kind: 'primary', open: true, panel: () => issueForm(r, done) },
        { id: 'refuse', label: t('off.entitlement.refuseHeading'), kind: 'danger', panel: () => entitlementForm(r, done, { refuseOnly: true }) },
      ]),
    );
  }
  if (r.status === 'submitted') {
    // "Gia hạn" only while days are left (Decree 23/2015 Art. 21(4)); the server refuses past the limit anyway.
    const canExtend = (r.extensionDaysLeft ?? 0) > 0;
    return card(
      t('off.decide'),
      decisionBar(
        [
          { id: 'certify', label: t('off.action.certify'), kind: 'primary', open: true, panel: () => issueForm(r, done) },
          { id: 'reject', label: t('off.reject.heading'), kind: 'danger', panel: () => rejectForm(r, done) },
          ...(canExtend ? [{ id: 'extend', label: t('off.extend.heading'), panel: () => extendForm(r, done) }] : []),
          { id: 'preview', label: t('off.action.preview'), panel: () => previewPanel(r.id) },
        ],
        canExtend || !r.extension ? undefined : h('p', { class: 'hint', 'data-testid': 'extend-none' }, t('off.extend.none')),
      ),
    );
  }
  if (r.status === 'issued' && r.documentId) {
    const box = h('div');
    const documentId = r.documentId;
    void section(box, () => api.document(documentId), (doc) => [
      decisionBar([
        {
          id: 'download',
          label: t('off.action.download'),
          kind: 'primary',
          run: (button, out) =>
            void act(button, out, async () => {
              const { url } = await api.download(documentId);
              // The presigned URL answers with Content-Disposition: attachment: the page stays, and the download is in the request's history.
              location.assign(url);
              return h('p', { class: 'hint', role: 'status' }, t('off.download.done'));
            }),
        },
        ...(doc.status === 'valid' ? [{ id: 'revoke', label: t('off.revoke.heading'), kind: 'danger' as const, panel: () => revokeForm(documentId, done) }] : []),
      ]),
      documentFacts(doc),
      h('p', null, h('a', { href: `/verify/${doc.verifyCode}` }, t('doc.openVerify'))),
    ]);
    return card(t('off.document'), box, 'card card--result decisions');
  }
  return null;
}

/**
 * The lời chứng before signing (GET …/attestation-preview): unnumbered, unsigned, marked "BẢN XEM
 * TRƯỚC — CHƯA CÓ GIÁ TRỊ PHÁP LÝ" on its face. Fetched with the token into a blob: URL (the CSP
 * allows frames from blob:), shown in the page and openable in a new tab.
 */
const previewUrls: string[] = [];
function previewPanel(requestId: string): HTMLElement {
  const box = h('div', { class: 'viewer', 'aria-live': 'polite' });
  for (const u of previewUrls.splice(0)) URL.revokeObjectURL(u);
  void section(
    box,
    () => getBlob(api.attestationPreviewPath(requestId)),
    (blob) => {
      const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
      previewUrls.push(url);
      return [
        h('p', { class: 'hint' }, t('off.preview.note')),
        h('iframe', { src: url, title: t('off.preview.title'), class: 'viewer__frame', 'data-testid': 'attestation-preview' }),
        h('p', null, h('a', { href: url, target: '_blank', rel: 'noopener', 'data-testid': 'attestation-preview-open' }, t('off.preview.open'))),
      ];
    },
  );
  return box;
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
