import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A fenced block of docs/webhooks.md, found by the `<!-- recipe:… -->` marker above it. */
export function recipe(marker: 'node' | 'openssl'): string {
  const doc = readFileSync(new URL('../../docs/webhooks.md', import.meta.url), 'utf8');
  const m = new RegExp(`<!-- recipe:${marker} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!m) throw new Error(`docs/webhooks.md has no recipe:${marker} block`);
  return m[1];
}

export type VerifyWebhook = (secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string, nowSeconds?: number) => unknown;

/** The receiver's check exactly as docs/webhooks.md prints it (not our signer): a receiver's view of a delivery. */
export const documentedVerifier = (): VerifyWebhook => new Function('require', `${recipe('node')}\nreturn verifyWebhook;`)(createRequire(import.meta.url)) as VerifyWebhook;
