import { siteAuth } from '../../core/auth-config';
import { completeSignIn } from '../../core/cognito';
import { h } from '../../core/dom';
import { navigate, type Screen } from '../../core/router';
import { homeOf, setSession } from '../../core/session';
import { errorBox, heading, loading } from '../../core/ui';
import { t } from '../../i18n';

/**
 * /auth/callback: where the Cognito hosted UI sends the browser back with `code` and `state`.
 * Checks the state, exchanges the code (PKCE), keeps the ID token, and goes to the user's home;
 * any failure is shown with a way to sign in again.
 */
export const authCallbackScreen: Screen = async ({ view, query }) => {
  const body = h('div', null, loading());
  const lead = h('p', { class: 'lead' }, t('login.cognito.completing'));
  view.append(heading(t('login.title')), lead, body);
  const auth = await siteAuth();
  try {
    if (!auth) throw new Error(t('login.hosted.missing'));
    const { login, next } = await completeSignIn(auth, query);
    const session = setSession(login);
    navigate(next ?? homeOf(session.role), { replace: true });
  } catch (error) {
    // The code is single-use: drop it from the address bar either way.
    history.replaceState(null, '', '/auth/callback');
    lead.remove();
    body.replaceChildren(errorBox(error), h('p', null, h('a', { class: 'btn btn--primary', href: '/login' }, t('login.cognito.retry'))));
  }
};
