import { siteAuth } from '../../core/auth-config';
import { startSignIn } from '../../core/cognito';
import { h } from '../../core/dom';
import { devLoginAvailable, devUsers } from '../../core/dev-login';
import { api } from '../../core/endpoints';
import { navigate, type Screen } from '../../core/router';
import { homeOf, setSession } from '../../core/session';
import { act, errorBox, heading, loading } from '../../core/ui';
import { t, tDynamic } from '../../i18n';

/**
 * Sign-in. In AWS (config.json names a Cognito hosted UI, core/auth-config.ts): one button that
 * leaves for the hosted UI (core/cognito.ts; back at /auth/callback). Locally: a chooser of the
 * dev users (POST /api/dev/login).
 */
export const loginScreen: Screen = async ({ view, query, path }) => {
  const next = query.get('next') ?? (path !== '/login' ? location.pathname + location.search : undefined);
  const body = h('div', null, loading());
  view.append(heading(t('login.title')), h('p', { class: 'lead' }, t('login.intro')), body);

  const auth = await siteAuth();
  if (auth) {
    const out = h('div', { 'aria-live': 'polite' });
    const button: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--primary',
        'data-testid': 'cognito-sign-in',
        onClick: () => {
          button.disabled = true;
          startSignIn(auth, next).catch((error: unknown) => {
            button.disabled = false;
            out.replaceChildren(errorBox(error));
          });
        },
      },
      t('login.cognito.button'),
    );
    body.replaceChildren(h('section', { class: 'card' }, h('p', null, t('login.cognito.text')), h('p', null, button), out));
    return;
  }

  if (!(await devLoginAvailable())) {
    body.replaceChildren(h('p', { class: 'notice notice--info' }, t('login.hosted.missing')));
    return;
  }
  const users = await devUsers();
  const out = h('div', { 'aria-live': 'polite' });
  body.replaceChildren(
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'dev-login' },
      h('h2', { id: 'dev-login' }, t('login.dev.heading')),
      h('p', { class: 'hint' }, t('login.dev.text')),
      h(
        'ul',
        { class: 'choices' },
        users.map((u) => {
          const button: HTMLButtonElement = h(
            'button',
            {
              type: 'button',
              class: 'choice',
              'data-user': u.user,
              onClick: () =>
                void act(button, out, async () => {
                  const session = setSession(await api.devLogin(u.user));
                  navigate(next && next !== '/login' ? next : homeOf(session.role), { replace: true });
                }),
            },
            h('span', { class: 'choice__title' }, t('login.dev.as', { name: u.name })),
            h('span', { class: 'choice__meta' }, [tDynamic(`role.${u.role}`, u.role), u.agencyName].filter(Boolean).join(' · ')),
          );
          return h('li', null, button);
        }),
      ),
      out,
    ),
  );
};
