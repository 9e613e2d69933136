import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web page: vanilla TypeScript, bundled by vite into web/dist (served by the local gateway,
 * and by CloudFront in AWS). No CDN, no inline script or style (the CSP of infra/web.ts).
 * `npm run build:web` builds it; `npx vite --config web/vite.config.ts` serves it with hot reload
 * and proxies /api (and the local /dev-users.json) to a running `npm start` (PORT, default 3000).
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Everything as files: the CSP allows no inline styles and only 'self' for scripts and fonts.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    // /dev-users.json: the dev login's users, served by the local gateway only.
    proxy: Object.fromEntries(['/api', '/dev-users.json'].map((path) => [path, `http://localhost:${process.env.PORT || 3000}`])),
  },
});
