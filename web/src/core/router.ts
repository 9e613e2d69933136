import { t } from '../i18n';
import { h } from './dom';
import { getSession } from './session';
import type { Role } from './types';

/**
 * Client-side routing over the History API. The gateway (and CloudFront) serve index.html for
 * any unknown path, so /verify/{code} straight from a QR code lands here. Each route names the
 * roles that may see it; a screen renders into a fresh element, so late answers of a screen the
 * user has left land in a detached element and change nothing.
 */
export interface ScreenContext {
  view: HTMLElement;
  params: Record<string, string>;
  query: URLSearchParams;
  path: string;
}

export type Screen = (ctx: ScreenContext) => void | Promise<void>;

export interface RouteDef {
  pattern: string;
  load: () => Promise<Screen> | Screen;
  roles?: readonly Role[];
}

interface Compiled extends RouteDef {
  re: RegExp;
  keys: string[];
}

let routes: Compiled[] = [];
let main: HTMLElement;
let fallback: { notFound: Screen; signIn: Screen };
let firstRender = true;
let afterRender: (path: string) => void = () => undefined;

export function startRouter(
  mainEl: HTMLElement,
  defs: RouteDef[],
  screens: { notFound: Screen; signIn: Screen },
  onRendered: (path: string) => void,
): void {
  main = mainEl;
  fallback = screens;
  afterRender = onRendered;
  routes = defs.map((d) => {
    const keys: string[] = [];
    const source = d.pattern.replace(/:(\w+)/g, (_m, k: string) => {
      keys.push(k);
      return '([^/]+)';
    });
    return { ...d, re: new RegExp(`^${source}/?$`), keys };
  });
  window.addEventListener('popstate', () => void render());
  document.addEventListener('click', interceptLinks);
  void render();
}

function interceptLinks(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

/** Goes to a path inside the page. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  void render();
}

export const currentPath = (): string => location.pathname + location.search;

/** Renders the current location (also after a language or session change). */
export async function render(): Promise<void> {
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  let screen: Screen = fallback.notFound;
  let params: Record<string, string> = {};
  for (const r of routes) {
    const m = r.re.exec(path);
    if (!m) continue;
    params = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
    const session = getSession();
    if (r.roles && (!session || !r.roles.includes(session.role))) {
      screen = session ? forbidden(r.roles) : fallback.signIn;
    } else {
      screen = await r.load();
    }
    break;
  }
  const view = h('div', { class: 'view' });
  main.replaceChildren(view);
  const wasFirst = firstRender;
  firstRender = false;
  if (!wasFirst) window.scrollTo(0, 0);
  const done = Promise.resolve(screen({ view, params, query, path }));
  // The title and focus follow the heading as soon as it is there (screens draw it first).
  settle(view, wasFirst);
  afterRender(path);
  await done.catch((error: unknown) => console.error(error));
}

function settle(view: HTMLElement, initial: boolean): void {
  const heading = view.querySelector('h1');
  if (!heading) return;
  document.title = `${heading.textContent} — ${t('app.name')}`;
  heading.setAttribute('tabindex', '-1');
  // Moving focus to the new heading tells screen-reader users the page changed.
  if (!initial) heading.focus({ preventScroll: true });
}

function forbidden(roles: readonly Role[]): Screen {
  return ({ view }) => {
    view.append(
      h('h1', null, t('common.errorTitle')),
      h('p', { class: 'notice notice--error' }, t('common.forbidden', { role: roles.map((r) => t(`role.${r}`)).join(', ') })),
      h('p', null, h('a', { href: `/login?next=${encodeURIComponent(location.pathname)}` }, t('nav.login'))),
    );
  };
}
