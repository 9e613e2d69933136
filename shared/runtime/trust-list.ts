import { readFileSync } from 'node:fs';
import { ENV } from './config';

let cached: string | undefined;

/** The PEM bundle of trust anchors from configuration (TRUST_LIST_PEM inline, or TRUST_LIST_FILE). */
export function trustListPem(): string {
  if (cached === undefined) {
    const inline = process.env[ENV.trustListPem];
    const file = process.env[ENV.trustListFile];
    if (inline) cached = inline;
    else if (file) cached = readFileSync(file, 'utf8');
    else throw new Error(`Missing trust list: set ${ENV.trustListPem} or ${ENV.trustListFile}`);
  }
  return cached;
}
