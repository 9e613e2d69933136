import { randomBytes } from 'node:crypto';
import type { TimeStampAuthority } from '../../../shared/signing';
import type { DevIdentity } from '../../../shared/signing/dev';
import { checkedToken, timeStampRequest } from '../../../shared/signing/tsa-client';
import { tsaSigner } from '../../../infra/local/dev-tsa';

/**
 * The local stack's TSA without its HTTP server: each stamp is a real RFC 3161 request answered by
 * the dev TSA's signer and checked by the client's own checks, so use-case tests get real tokens.
 */
export function inProcessTsa(identity: DevIdentity): TimeStampAuthority {
  const signer = tsaSigner(identity);
  return {
    async stamp(digest) {
      const nonce = randomBytes(8);
      nonce[0] = (nonce[0] & 0x7f) | 0x01;
      return checkedToken(await (await signer).respond(timeStampRequest(digest, nonce)), digest, nonce);
    },
  };
}
