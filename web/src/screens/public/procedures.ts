import type { ProcedureView } from '../../../../shared/contracts/procedures';
import { get } from '../../core/api';
import { h } from '../../core/dom';
import type { Screen } from '../../core/router';
import { getSession } from '../../core/session';
import { heading, section, serverText } from '../../core/ui';
import { lang, t } from '../../i18n';

/**
 * /procedures and /procedures/{id} — what a visitor reads before signing in, laid out as the
 * National Public Service Portal (dichvucong.gov.vn) lays out a procedure: who carries it out,
 * who may ask, what to bring, the fee, the time limit, the result and the legal basis. Every fact
 * comes from GET /api/procedures, which builds it from the constants that enforce the rules, and
 * every rule shows its article; one not yet confirmed against the official text says so.
 */
type Rule = ProcedureView['authority'];

let cache: Promise<ProcedureView[]> | undefined;
/** The procedures change only with a release: read once per page load. */
export function loadProcedures(): Promise<ProcedureView[]> {
  cache ??= get<{ items: ProcedureView[] }>('/api/procedures', { auth: false }).then((r) => r.items, (e: unknown) => {
    cache = undefined;
    throw e;
  });
  return cache;
}

export const proceduresScreen: Screen = async ({ view }) => {
  const body = h('div');
  view.append(heading(t('proc.title')), h('p', { class: 'lead' }, t('proc.lead')), body);
  await section(body, loadProcedures, (items) =>
    h(
      'ul',
      { class: 'procedure-list' },
      items.map((p) =>
        h(
          'li',
          { class: 'card', 'data-procedure': p.id },
          h('h2', null, h('a', { href: `/procedures/${p.id}` }, serverText(p.name))),
          h(
            'dl',
            { class: 'facts' },
            h('div', { class: 'facts__row' }, h('dt', null, t('proc.fee')), h('dd', null, serverText(p.fee.text))),
            h('div', { class: 'facts__row' }, h('dt', null, t('proc.timeLimit')), h('dd', null, serverText(p.timeLimit.text))),
          ),
        ),
      ),
    ),
  );
};

export const procedureScreen: Screen = async ({ view, params }) => {
  const title = heading(t('proc.title'));
  const body = h('div');
  view.append(title, body);
  await section(body, loadProcedures, (items) => {
    const p = items.find((x) => x.id === params.id);
    if (!p) return [h('p', { class: 'notice notice--error' }, t('proc.notFound')), h('p', null, h('a', { href: '/procedures' }, t('proc.back')))];
    title.textContent = p.name;
    // The procedure's name comes from the server in Vietnamese.
    if (lang() !== 'vi') title.setAttribute('lang', 'vi');
    document.title = `${p.name} — ${t('app.name')}`;
    const session = getSession();
    return [
      h('p', null, h('a', { href: '/procedures' }, t('proc.back'))),
      h(
        'div',
        { class: 'card procedure', 'data-procedure': p.id },
        h('dl', { class: 'procedure__rows' }, [
          row('authority', t('proc.authority'), [rule(p.authority)]),
          row('requester', t('proc.requester'), [rule(p.requester)]),
          row('documents', t('proc.documents'), [h('ol', null, p.documents.map((d) => h('li', null, rule(d))))]),
          row('fee', t('proc.fee'), [rule(p.fee)]),
          row('timeLimit', t('proc.timeLimit'), [rule(p.timeLimit)]),
          row('extension', t('proc.extension'), [rule(p.extension)]),
          row('result', t('proc.result'), [rule(p.result)]),
          p.refusedOriginals && row('refused', t('proc.refused'), [h('ol', null, p.refusedOriginals.map((d) => h('li', null, rule(d))))]),
          row('legalBasis', t('proc.legalBasis'), [h('ul', null, p.legalBasis.map((b) => h('li', null, serverText(b))))]),
        ]),
      ),
      h(
        'p',
        null,
        h('a', { class: 'btn btn--primary', href: session?.role === 'citizen' ? '/citizen/new' : '/login' }, session?.role === 'citizen' ? t('nav.citizenNew') : t('proc.apply')),
      ),
    ];
  });
};

function row(key: string, label: string, content: (Node | null)[]): HTMLElement {
  return h('div', { class: 'procedure__row', 'data-row': key }, h('dt', null, label), h('dd', null, content));
}

/** A rule, its article, and — when not yet confirmed against the official text — a visible note saying so. */
function rule(r: Rule): HTMLElement {
  return h(
    'div',
    { class: 'rule' },
    h('p', { class: 'rule__text' }, serverText(r.text)),
    h('p', { class: 'rule__basis' }, t('proc.basis'), ' ', serverText(r.basis)),
    r.uncertain ? h('p', { class: 'rule__uncertain', 'data-uncertain': 'true' }, h('strong', null, t('proc.uncertain')), ' ', serverText(r.uncertain)) : null,
  );
}
