/**
 * Verify codes: the short public identifier printed on a document and held by its QR code
 * (Circular 01/2023/TT-VPCP: the QR code carries the look-up address; the same information is
 * printed beside it). A code must be unguessable — knowing it is what lets anyone see a
 * document's status — and easy to read aloud and type: 15 random bytes (120 bits) in Crockford
 * base32 (digits and letters without I, L, O, U), 24 characters in six groups of four,
 * e.g. "7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE". Randomness is passed in.
 */

/** Crockford's base32 alphabet: no I, L, O or U. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Random bytes per code (120 bits of entropy). */
export const VERIFY_CODE_BYTES = 15;
/** Characters per code, without dashes. */
export const VERIFY_CODE_LENGTH = (VERIFY_CODE_BYTES * 8) / 5;
/** Bits of entropy in a code. */
export const VERIFY_CODE_ENTROPY_BITS = VERIFY_CODE_BYTES * 8;

const GROUP = 4;
const CANONICAL_RE = new RegExp(`^[${CROCKFORD_ALPHABET}]{${GROUP}}(?:-[${CROCKFORD_ALPHABET}]{${GROUP}}){${VERIFY_CODE_LENGTH / GROUP - 1}}$`);
const SEPARATORS_RE = /[\s\-\u2010-\u2015\u2212]/g;
const LOOKALIKES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };

const group = (chars: string): string => chars.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/** A fresh verify code from `randomBytes(15)`, e.g. "7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE". */
export function newVerifyCode(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(VERIFY_CODE_BYTES);
  if (!(bytes instanceof Uint8Array) || bytes.length !== VERIFY_CODE_BYTES) {
    throw new Error(`randomBytes must return ${VERIFY_CODE_BYTES} bytes`);
  }
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return group(out);
}

/**
 * The canonical form of a typed or scanned code — case-insensitive, spaces and dashes optional,
 * O read as 0 and I/L as 1 — or null when it cannot be a verify code.
 */
export function normalizeVerifyCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 100) return null;
  const compact = input
    .replace(SEPARATORS_RE, '')
    .toUpperCase()
    .replace(/[OIL]/g, (c) => LOOKALIKES[c]);
  if (compact.length !== VERIFY_CODE_LENGTH) return null;
  for (const c of compact) if (!CROCKFORD_ALPHABET.includes(c)) return null;
  return group(compact);
}

/** Whether a string is a verify code in canonical form ("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"). */
export function isVerifyCode(input: unknown): input is string {
  return typeof input === 'string' && CANONICAL_RE.test(input);
}
