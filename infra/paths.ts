import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (infra/ is one level below it). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Where the web page's production build lands (`vite build`). */
export const WEB_DIST = resolve(REPO_ROOT, 'web', 'dist');

/** The handler of a function folder. */
export const handlerEntry = (fn: string): string => resolve(REPO_ROOT, 'functions', fn, 'handler.ts');
