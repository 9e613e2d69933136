import { Asn1Error } from './errors';

/**
 * Where BER elements start and end, without decoding them. This stays hand-written rather than
 * asn1js: asn1js builds a full object tree for everything it reads — a signature's certificates
 * are three quarters of its CMS, and parsing them on every verification would cost more than
 * hashing a 1 MB file — and the verifier needs the exact byte offsets of each part of hostile
 * input (the certificates go to a cache by fingerprint, each other part is parsed by asn1js and
 * must be consumed exactly). Depth and element count are bounded so that hostile nesting fails
 * fast instead of exhausting the stack.
 */
export interface Span {
  /** First byte of the identifier. */
  start: number;
  /** Exclusive end, end-of-contents octets included for an indefinite length. */
  end: number;
  /** The identifier octet (class, constructed bit, low tag number). */
  tag: number;
  constructed: boolean;
  /** First byte of the contents. */
  contentStart: number;
  /** Exclusive end of the contents (before the end-of-contents octets). */
  contentEnd: number;
}

/** Deepest nesting read; our CMS nests about 12 deep. */
export const MAX_DEPTH = 64;
/** Most elements inside one constructed element. */
const MAX_CHILDREN = 10_000;

/** The element starting at `pos`, which must end by `limit` (X.690 §8.1). */
export function spanAt(buf: Uint8Array, pos: number, limit = buf.length, depth = 0): Span {
  if (depth > MAX_DEPTH) throw new Asn1Error('limit-exceeded', 'ASN.1 nested too deeply');
  if (pos + 2 > limit) throw new Asn1Error('truncated', 'truncated ASN.1 element');
  const tag = buf[pos];
  const constructed = (tag & 0x20) !== 0;
  let at = pos + 1;
  if ((tag & 0x1f) === 0x1f) { // §8.1.2.4: high tag number in base-128 digits, the last one without the top bit
    for (let count = 1; ; count++) {
      if (at >= limit) throw new Asn1Error('truncated', 'truncated ASN.1 tag');
      if (count > 4) throw new Asn1Error('bad-encoding', 'ASN.1 tag number too large');
      if ((buf[at++] & 0x80) === 0) break;
    }
  }
  if (at >= limit) throw new Asn1Error('truncated', 'truncated ASN.1 element');
  const first = buf[at++];
  if (first === 0x80) { // §8.1.3.6: indefinite form, closed by end-of-contents octets (§8.1.5)
    if (!constructed) throw new Asn1Error('bad-encoding', 'indefinite length on a primitive ASN.1 element');
    const contentStart = at;
    let child = at;
    for (let count = 0; ; count++) {
      if (count > MAX_CHILDREN) throw new Asn1Error('limit-exceeded', 'too many ASN.1 elements');
      if (child + 2 > limit) throw new Asn1Error('truncated', 'unterminated indefinite-length ASN.1 element');
      if (buf[child] === 0 && buf[child + 1] === 0) return { start: pos, end: child + 2, tag, constructed, contentStart, contentEnd: child };
      child = spanAt(buf, child, limit, depth + 1).end;
    }
  }
  let length = first;
  if (first & 0x80) { // §8.1.3.5: long form; 0xFF is reserved and lengths past 4 GB are not ours to read
    const count = first & 0x7f;
    if (count > 4) throw new Asn1Error('bad-encoding', 'bad ASN.1 length');
    if (at + count > limit) throw new Asn1Error('truncated', 'truncated ASN.1 length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[at++];
  }
  if (at + length > limit) throw new Asn1Error('truncated', 'ASN.1 element runs past its container');
  return { start: pos, end: at + length, tag, constructed, contentStart: at, contentEnd: at + length };
}

/** The elements inside a constructed element, which must fill it exactly. */
export function childSpans(buf: Uint8Array, parent: Span, depth = 0): Span[] {
  if (!parent.constructed) throw new Asn1Error('unexpected-type', 'expected a constructed ASN.1 element');
  const spans: Span[] = [];
  for (let at = parent.contentStart; at < parent.contentEnd;) {
    if (spans.length >= MAX_CHILDREN) throw new Asn1Error('limit-exceeded', 'too many ASN.1 elements');
    const span = spanAt(buf, at, parent.contentEnd, depth + 1);
    spans.push(span);
    at = span.end;
  }
  return spans;
}
