import { h } from '../../core/dom';
import type { Screen } from '../../core/router';
import { getSession, homeOf } from '../../core/session';
import { heading, icon, serverText } from '../../core/ui';
import { loadProcedures } from './procedures';
import { t } from '../../i18n';
import { codeForm } from './verify-forms';

/** The landing page: verifying first (the most frequent visitor), then signing in. */
export const homeScreen: Screen = ({ view }) => {
  const session = getSession();
  view.append(
    heading(t('app.name')),
    h('p', { class: 'lead' }, t('home.lead')),
    h(
      'div',
      { class: 'cards' },
      h(
        'section',
        { class: 'card card--primary', 'aria-labelledby': 'home-verify' },
        h('h2', { id: 'home-verify' }, icon('shield'), ' ', t('home.verify.heading')),
        h('p', null, t('home.verify.text')),
        codeForm(),
        h('p', null, h('a', { class: 'btn btn--secondary', href: '/verify' }, t('verify.file.heading'))),
        h('p', null, h('a', { href: '/revocations' }, t('nav.revocations'))),
      ),
      proceduresCard(),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'home-citizen' },
        h('h2', { id: 'home-citizen' }, t('home.citizen.heading')),
        h('p', null, t('home.citizen.text')),
        h('p', null, h('a', { class: 'btn btn--primary', href: session?.role === 'citizen' ? '/citizen' : '/login' }, session?.role === 'citizen' ? t('nav.citizen') : t('nav.login'))),
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'home-official' },
        h('h2', { id: 'home-official' }, t('home.official.heading')),
        h('p', null, t('home.official.text')),
        h('p', null, h('a', { class: 'btn btn--secondary', href: session ? homeOf(session.role) : '/login' }, session ? t('nav.queue') : t('nav.login'))),
      ),
    ),
  );
};

/** Before signing in: each procedure's page (what to bring, fee, time limit, legal basis). */
function proceduresCard(): HTMLElement {
  const list = h('ul', { class: 'link-list' });
  void loadProcedures()
    .then((items) => list.append(...items.map((p) => h('li', null, h('a', { href: `/procedures/${p.id}` }, serverText(p.name))))))
    // The page itself is still one link away.
    .catch(() => undefined);
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'home-procedures' },
    h('h2', { id: 'home-procedures' }, t('home.procedures.heading')),
    h('p', null, t('home.procedures.text')),
    list,
    h('p', null, h('a', { class: 'btn btn--secondary', href: '/procedures' }, t('home.procedures.all'))),
  );
}
