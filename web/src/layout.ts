import { siteAuth } from './core/auth-config';
import { logoutUrl } from './core/cognito';
import { h, replace } from './core/dom';
import { devLoginAvailable } from './core/dev-login';
import { navigate } from './core/router';
import { clearSession, getSession } from './core/session';
import { icon } from './core/ui';
import { lang, setLang, t, type Lang, type MessageKey } from './i18n';

/**
 * The frame around every screen: skip link, header (brand, language toggle, navigation by role,
 * who is signed in), the <main> the router fills, the footer, and a polite live region.
 */
export interface Frame {
  main: HTMLElement;
  /** Redraws header and footer (language or session changed). */
  refresh(): void;
  /** Marks the current page in the navigation. */
  markCurrent(path: string): void;
}

export function buildFrame(root: HTMLElement): Frame {
  const header = h('header', { class: 'site-header' });
  const main = h('main', { id: 'main', class: 'site-main', tabindex: '-1' });
  const footer = h('footer', { class: 'site-footer' });
  const skip = h('a', { class: 'skip-link', href: '#main' });
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    main.focus();
  });
  root.replaceChildren(skip, header, main, footer);

  const refresh = () => {
    document.documentElement.lang = lang();
    skip.textContent = t('nav.skip');
    drawHeader(header);
    drawFooter(footer);
  };
  refresh();
  return {
    main,
    refresh,
    markCurrent(path: string) {
      // The longest link that is the path or a folder of it is the current page.
      const anchors = [...header.querySelectorAll<HTMLAnchorElement>('nav a')];
      const matches = (href: string) => path === href || (href !== '/' && path.startsWith(`${href}/`));
      const best = anchors.filter((a) => matches(a.getAttribute('href') ?? '')).sort((a, b) => (b.getAttribute('href') ?? '').length - (a.getAttribute('href') ?? '').length)[0];
      for (const a of anchors) {
        if (a === best) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
  };
}

function links(): [string, MessageKey][] {
  const session = getSession();
  const common: [string, MessageKey][] = [
    ['/verify', 'nav.verify'],
    ['/revocations', 'nav.revocations'],
  ];
  switch (session?.role) {
    case 'citizen':
      return [['/citizen', 'nav.citizen'], ['/citizen/new', 'nav.citizenNew'], ...common];
    case 'official':
      return [['/official', 'nav.queue'], ['/official/registers', 'nav.registers'], ['/admin', 'nav.reports'], ...common];
    case 'admin':
      return [['/admin', 'nav.reports'], ['/admin/signers', 'nav.signers'], ...common];
    default:
      return common;
  }
}

function drawHeader(header: HTMLElement): void {
  const session = getSession();
  const other: Lang = lang() === 'vi' ? 'en' : 'vi';
  const langButton = h(
    'button',
    { type: 'button', class: 'btn btn--ghost lang-toggle', lang: other, 'aria-label': t('lang.switchLabel'), onClick: () => setLang(other) },
    t('lang.other'),
  );
  const user = session
    ? [
        h('span', { class: 'user__name' }, t('nav.signedInAs', { name: session.name, role: t(`role.${session.role}`) })),
        h(
          'button',
          {
            type: 'button',
            class: 'btn btn--ghost',
            onClick: () => {
              clearSession();
              // In AWS, also end the hosted-UI session (it then sends the browser back to the site).
              void siteAuth().then((auth) => (auth ? location.assign(logoutUrl(auth)) : navigate('/')));
            },
          },
          t('nav.logout'),
        ),
      ]
    : h('a', { class: 'btn btn--ghost', href: '/login' }, t('nav.login'));
  replace(
    header,
    h(
      'div',
      { class: 'site-header__bar' },
      h('a', { class: 'brand', href: '/' }, icon('shield', 26), h('span', null, lang() === 'vi' ? t('app.name') : [h('span', { lang: 'vi' }, 'Bản sao điện tử'), ' (e-copies)'])),
      h('div', { class: 'site-header__tools' }, user, langButton),
    ),
    h(
      'nav',
      { class: 'site-nav', 'aria-label': t('nav.main') },
      h(
        'ul',
        null,
        links().map(([href, key]) => h('li', null, h('a', { href }, t(key)))),
      ),
    ),
  );
}

function drawFooter(footer: HTMLElement): void {
  const dev = h('p', { class: 'site-footer__dev', hidden: true }, t('footer.dev'));
  replace(
    footer,
    h('p', null, t('footer.legal')),
    h('p', null, h('a', { href: '/api/trust-list', download: 'trust-list.pem' }, t('footer.trust'))),
    dev,
  );
  void devLoginAvailable().then((yes) => {
    dev.hidden = !yes;
  });
}
