import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup for the browser tests: builds the web page into web/dist BEFORE the local
 * stack starts (the gateway picks web/dist only if it has index.html when it starts). It runs the
 * vite build in a child process, so the vite inside vitest is not disturbed.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const vite = join(dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (!existsSync(join(root, 'web', 'dist', 'index.html'))) throw new Error('web build produced no web/dist/index.html');
}
