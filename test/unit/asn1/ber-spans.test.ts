import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, childSpans, spanAt, type Asn1ErrorCode } from '../../../shared/asn1';
import { asn1ErrorCode } from './support/thrown';

describe('Function: spanAt', () => {
  it('finds the end of nested indefinite-length elements and their children', () => {
    // Prepare: SEQUENCE(indef) { INTEGER 5, [0](indef) { NULL } } then padding
    const ber = Uint8Array.from([0x30, 0x80, 0x02, 0x01, 0x05, 0xa0, 0x80, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0, 0]);

    // Act
    const outer = spanAt(ber, 0);
    const kids = childSpans(ber, outer);

    // Assess
    expect(outer).toMatchObject({ start: 0, end: 13, contentStart: 2, contentEnd: 11 });
    expect(kids.map((k) => [k.tag, k.start, k.end])).toEqual([[0x02, 2, 5], [0xa0, 5, 11]]);
  });

  it('reads long-form lengths and high tag numbers', () => {
    // Prepare: [APPLICATION 200] primitive (tag 0x5f 0x81 0x48) with 300 content octets, length 0x82 0x01 0x2c
    const ber = Uint8Array.from([0x5f, 0x81, 0x48, 0x82, 0x01, 0x2c, ...new Uint8Array(300)]);

    // Act
    const span = spanAt(ber, 0);

    // Assess
    expect(span).toMatchObject({ start: 0, end: 306, tag: 0x5f, constructed: false, contentStart: 6, contentEnd: 306 });
  });

  it.each<[string, number[], Asn1ErrorCode]>([
    ['a truncated length', [0x30, 0x82, 0x01], 'truncated'],
    ['a length past the end', [0x30, 0x05, 0x02, 0x01], 'truncated'],
    ['an unterminated indefinite length', [0x30, 0x80, 0x02, 0x01, 0x05], 'truncated'],
    ['an indefinite primitive', [0x04, 0x80, 0x00, 0x00], 'bad-encoding'],
    ['a five-byte length', [0x30, 0x85, 0, 0, 0, 0, 1, 0], 'bad-encoding'],
    ['a tag number of more than four octets', [0x1f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00], 'bad-encoding'],
    ['runaway nesting', [...Array.from({ length: 100 }, () => [0x30, 0x80]).flat(), 0, 0], 'limit-exceeded'],
  ])('refuses %s with Asn1Error %s', (_label, bytes, code) => {
    // Act / Assess
    expect(asn1ErrorCode(() => spanAt(Uint8Array.from(bytes), 0))).toBe(code);
  });

  it('reads nesting up to its depth limit and refuses one level more', () => {
    // Prepare: definite-length SEQUENCEs nested n deep around NULL
    const nested = (depth: number) => {
      let bytes = [0x05, 0x00];
      for (let i = 0; i < depth; i++) bytes = [0x30, 0x80, ...bytes, 0, 0];
      return Uint8Array.from(bytes);
    };

    // Act / Assess
    expect(spanAt(nested(MAX_DEPTH), 0).end).toBe(nested(MAX_DEPTH).length);
    expect(asn1ErrorCode(() => spanAt(nested(MAX_DEPTH + 1), 0))).toBe('limit-exceeded');
  });

  it('refuses children that do not fill their parent exactly', () => {
    // Prepare: SEQUENCE of length 3 holding a 2-octet NULL and one stray octet
    const ber = Uint8Array.from([0x30, 0x03, 0x05, 0x00, 0x05]);

    // Act / Assess
    expect(asn1ErrorCode(() => childSpans(ber, spanAt(ber, 0)))).toBe('truncated');
  });
});
