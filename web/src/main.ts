import './styles.css';
import { setUnauthorizedHandler } from './core/api';
import { navigate, render, startRouter, type RouteDef, type Screen } from './core/router';
import { clearSession, getSession, onSessionChange } from './core/session';
import { onLangChange } from './i18n';
import { buildFrame } from './layout';
import { authCallbackScreen } from './screens/public/auth-callback';
import { homeScreen } from './screens/public/home';
import { loginScreen } from './screens/public/login';
import { notFoundScreen } from './screens/public/not-found';
import { procedureScreen, proceduresScreen } from './screens/public/procedures';
import { revocationsScreen } from './screens/public/revocations';
import { shareScreen } from './screens/public/share';
import { verifyCodeScreen } from './screens/public/verify-code';
import { verifyScreen } from './screens/public/verify';

/**
 * The page's entry. Public screens (what a QR code or a share link opens on a phone) are in the
 * main bundle; the signed-in areas load on demand.
 */
const lazy = (load: () => Promise<Record<string, Screen>>, name: string) => async (): Promise<Screen> => (await load())[name];

const ROUTES: RouteDef[] = [
  { pattern: '/', load: () => homeScreen },
  { pattern: '/verify', load: () => verifyScreen },
  { pattern: '/verify/:code', load: () => verifyCodeScreen },
  { pattern: '/revocations', load: () => revocationsScreen },
  { pattern: '/procedures', load: () => proceduresScreen },
  { pattern: '/procedures/:id', load: () => procedureScreen },
  { pattern: '/s/:token', load: () => shareScreen },
  { pattern: '/login', load: () => loginScreen },
  { pattern: '/auth/callback', load: () => authCallbackScreen },
  { pattern: '/citizen', roles: ['citizen'], load: lazy(() => import('./screens/citizen/requests'), 'citizenRequestsScreen') },
  { pattern: '/citizen/new', roles: ['citizen'], load: lazy(() => import('./screens/citizen/new-request'), 'newRequestScreen') },
  { pattern: '/citizen/requests/:id', roles: ['citizen'], load: lazy(() => import('./screens/citizen/request'), 'citizenRequestScreen') },
  { pattern: '/official', roles: ['official'], load: lazy(() => import('./screens/official/queue'), 'queueScreen') },
  { pattern: '/official/requests/:id', roles: ['official'], load: lazy(() => import('./screens/official/request'), 'officialRequestScreen') },
  { pattern: '/official/books', roles: ['official'], load: lazy(() => import('./screens/official/books'), 'booksScreen') },
  { pattern: '/official/registers', roles: ['official'], load: lazy(() => import('./screens/official/registers'), 'registersScreen') },
  { pattern: '/admin', roles: ['admin', 'official'], load: lazy(() => import('./screens/admin/reports'), 'reportsScreen') },
  { pattern: '/admin/signers', roles: ['admin'], load: lazy(() => import('./screens/admin/signers'), 'signersScreen') },
];

const frame = buildFrame(document.getElementById('app') ?? document.body);
onLangChange(() => {
  frame.refresh();
  void render();
});
// When the token expires the session ends: signed-in screens then ask to sign in again.
let expiry: ReturnType<typeof setTimeout> | undefined;
const watchExpiry = () => {
  clearTimeout(expiry);
  const at = getSession()?.expiresAt;
  if (at !== undefined) {
    expiry = setTimeout(() => {
      clearSession();
      void render();
    }, Math.min(Math.max(at - Date.now(), 0), 2 ** 31 - 1));
  }
};
watchExpiry();
onSessionChange(() => {
  frame.refresh();
  watchExpiry();
});
setUnauthorizedHandler(() => navigate(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true }));
startRouter(frame.main, ROUTES, { notFound: notFoundScreen, signIn: loginScreen }, (path) => frame.markCurrent(path));
