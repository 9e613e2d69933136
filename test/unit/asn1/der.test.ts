import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import {
  Asn1Error, TAG, booleanValue, compareDer, derSetOf, lengthOctets, octets, oid, parseSingle, rawBytes, sequence, setOfDer, smallInteger, time, toDer,
  type Asn1ErrorCode,
} from '../../../shared/asn1';
import { asn1ErrorCode, thrown } from './support/thrown';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

describe('Function: lengthOctets', () => {
  it.each<[number, string]>([
    [0, '00'], [127, '7f'], [128, '8180'], [255, '81ff'], [256, '820100'], [65_535, '82ffff'], [65_536, '83010000'], [16_777_216, '8401000000'],
  ])('writes %i in the shortest definite form as %s (X.690 §10.1)', (length, expected) => {
    // Act / Assess
    expect(lengthOctets(length).toString('hex')).toBe(expected);
  });
});

describe('Function: toDer', () => {
  it.each([127, 128, 300, 70_000])('round-trips a DER OCTET STRING of %i octets unchanged, long-form length included', (size) => {
    // Prepare: asn1js writes DER for a definite OCTET STRING inside a SEQUENCE
    const der = new Uint8Array(new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: new Uint8Array(size).fill(7) })] }).toBER());

    // Act
    const node = parseSingle(der, 'input');
    const again = toDer(node);

    // Assess
    expect(Buffer.from(again).equals(Buffer.from(der))).toBe(true);
    expect(octets(sequence(node, 'input')[0], 'content')).toHaveLength(size);
  });

  it('re-encodes indefinite lengths and chunked strings as DER (X.690 §10.2)', () => {
    // Prepare: SEQUENCE(indef) { OCTET STRING(constructed, indef) { 'ab', 'cd' }, INTEGER 5 }
    const ber = hex('3080 2480 0402abcd 0402ef01 0000 020105 0000');

    // Act
    const node = parseSingle(ber, 'input');

    // Assess
    expect(Buffer.from(toDer(node)).toString('hex')).toBe('300904' + '04abcdef01' + '020105');
    expect(Buffer.from(octets(sequence(node, 'input')[0], 'chunks')).toString('hex')).toBe('abcdef01');
  });

  it('sorts SET OF elements by their encodings unless asked to keep their order (X.690 §11.6)', () => {
    // Prepare: SET { INTEGER 2, INTEGER 1, OCTET STRING 00 }
    const set = parseSingle(hex('3109 020102 020101 040100'), 'set');

    // Act
    const sorted = Buffer.from(toDer(set)).toString('hex');
    const kept = Buffer.from(toDer(set, false)).toString('hex');

    // Assess
    expect(sorted).toBe('3109020101020102040100');
    expect(kept).toBe('3109020102020101040100');
  });

  it('refuses nesting deeper than its limit with limit-exceeded', () => {
    // Prepare: 70 nested definite SEQUENCEs around NULL (asn1js writes them; the reader's limit is
    // MAX_DEPTH, so nothing this deep reaches toDer)
    let der = new asn1js.Null() as asn1js.BaseBlock;
    for (let i = 0; i < 70; i++) der = new asn1js.Sequence({ value: [der] });

    // Act / Assess
    expect(asn1ErrorCode(() => toDer(parseSingle(new Uint8Array(der.toBER()), 'deep')))).toBe('limit-exceeded');
  });
});

describe('Function: setOfDer and derSetOf', () => {
  it('build the same DER SET OF from parsed elements as from asn1js objects', () => {
    // Prepare
    const elements = () => [new asn1js.Integer({ value: 300 }), new asn1js.Integer({ value: 1 }), new asn1js.Utf8String({ value: 'ấn' })];
    const parsed = elements().map((element) => parseSingle(new Uint8Array(element.toBER()), 'element'));

    // Act
    const fromParsed = setOfDer(parsed, true);
    const fromObjects = derSetOf(elements());

    // Assess
    expect(Buffer.from(fromParsed).equals(Buffer.from(fromObjects))).toBe(true);
    expect(fromObjects[0]).toBe(0x31);
    const order = sequence(parseSingle(fromObjects, 'set'), 'set', TAG.SET).map((n) => Buffer.from(rawBytes(n)));
    expect([...order].sort(compareDer)).toEqual(order);
  });
});

describe('Function: compareDer', () => {
  it('orders encodings as octet strings padded with trailing zeros', () => {
    // Act / Assess
    expect(compareDer(hex('0201'), hex('0202'))).toBeLessThan(0);
    expect(compareDer(hex('0201'), hex('020100'))).toBe(0);
    expect(compareDer(hex('0202'), hex('020100'))).toBeGreaterThan(0);
  });
});

describe('Function: parseSingle', () => {
  it.each<[string, string, Asn1ErrorCode]>([
    ['a truncated element', '3005020101', 'truncated'],
    ['an overlong length', '04847fffffff00', 'truncated'],
    ['the reserved length octet 0xFF', '30ff0000000000', 'bad-encoding'],
    ['bytes after the element', '0500ff', 'trailing-data'],
    ['an unterminated indefinite length', '3080020101', 'truncated'],
    ['nothing at all', '', 'truncated'],
  ])('refuses %s with %s', (_label, input, code) => {
    // Act / Assess
    expect(asn1ErrorCode(() => parseSingle(hex(input), 'input'))).toBe(code);
  });

  it('reads a non-minimal long-form length, which BER allows (X.690 §8.1.3.5)', () => {
    // Act: four length octets for an empty SEQUENCE (five are refused: lengths past 4 GB are not read, see ber-spans.test.ts)
    const node = parseSingle(hex('308400000000'), 'input');

    // Assess
    expect(sequence(node, 'input')).toEqual([]);
  });

  it('names what was read in its message', () => {
    // Act
    const error = thrown(() => parseSingle(hex('0500ff'), 'the token')) as Asn1Error;

    // Assess
    expect(error.name).toBe('Asn1Error');
    expect(error.message).toMatch(/the token has 1 bytes after its end/);
  });
});

describe('Reader helpers', () => {
  it.each<[string, () => unknown, Asn1ErrorCode]>([
    ['a SEQUENCE where a SET is expected', () => sequence(parseSingle(hex('3000'), 'x'), 'x', TAG.SET), 'unexpected-type'],
    ['a negative small integer', () => smallInteger(parseSingle(hex('0201ff'), 'x'), 'x'), 'bad-value'],
    ['an INTEGER where a time is expected', () => time(parseSingle(hex('020101'), 'x'), 'x'), 'bad-value'],
    ['a NULL where an OCTET STRING is expected', () => octets(parseSingle(hex('0500'), 'x'), 'x'), 'unexpected-type'],
  ])('refuse %s', (_label, read, code) => {
    // Act / Assess
    expect(asn1ErrorCode(read)).toBe(code);
  });

  it('reads UTCTime and GeneralizedTime (RFC 5280 §4.1.2.5)', () => {
    // Act
    const utc = time(parseSingle(new Uint8Array(new asn1js.UTCTime({ valueDate: new Date('2031-12-04T11:30:27Z') }).toBER()), 't'), 't');
    const general = time(parseSingle(new Uint8Array(new asn1js.GeneralizedTime({ valueDate: new Date('2051-01-01T00:00:00Z') }).toBER()), 't'), 't');

    // Assess
    expect(new Date(utc).toISOString()).toBe('2031-12-04T11:30:27.000Z');
    expect(new Date(general).toISOString()).toBe('2051-01-01T00:00:00.000Z');
  });

  const element = (tag: number, text: string) => Uint8Array.from([tag, text.length, ...Buffer.from(text, 'latin1')]);

  it.each<[string, number, string, string]>([
    ['UTCTime of 2049 (YY below 50)', TAG.UTC_TIME, '491231235959Z', '2049-12-31T23:59:59.000Z'],
    ['UTCTime of 1950 (YY of 50 and above)', TAG.UTC_TIME, '500101000000Z', '1950-01-01T00:00:00.000Z'],
    ['GeneralizedTime with a fraction (RFC 3161 genTime), kept to the millisecond', TAG.GENERALIZED_TIME, '20261206010203.123456Z', '2026-12-06T01:02:03.123Z'],
    ['GeneralizedTime with one fraction digit', TAG.GENERALIZED_TIME, '20261206010203.5Z', '2026-12-06T01:02:03.500Z'],
  ])('reads %s', (_label, tag, text, iso) => {
    // Act / Assess
    expect(new Date(time(parseSingle(element(tag, text), 't'), 't')).toISOString()).toBe(iso);
  });

  it.each<[string, number, string]>([
    ['a 31 February', TAG.GENERALIZED_TIME, '20260231000000Z'],
    ['an hour 24', TAG.UTC_TIME, '261206240000Z'],
    ['a local time without Z (RFC 5280 §4.1.2.5.2 forbids it)', TAG.GENERALIZED_TIME, '20261206010203'],
    ['an offset instead of Z', TAG.UTC_TIME, '2612060102+0700'],
    ['UTCTime without seconds', TAG.UTC_TIME, '2612060102Z'],
  ])('refuses %s as a time', (_label, tag, text) => {
    // Act / Assess
    expect(asn1ErrorCode(() => time(parseSingle(element(tag, text), 't'), 't'))).toBe('bad-value');
  });
});

describe('Function: oid', () => {
  it.each([
    '1.2.840.113549.1.1.11', '2.5.29.17', '0.9.2342.19200300.100.1.25', '2.999.3161.1', '2.100.3', '1.39.1',
    // 2.25: a UUID as one 128-bit arc (X.667), past what a number holds exactly
    '2.25.329800735698586629295641978511506172918',
  ])('reads %s as asn1js writes it', (dotted) => {
    // Prepare
    const der = new Uint8Array(new asn1js.ObjectIdentifier({ value: dotted }).toBER());

    // Act / Assess
    expect(oid(parseSingle(der, 'oid'), 'oid')).toBe(dotted);
  });

  it.each<[string, string]>([
    ['an empty OBJECT IDENTIFIER', '0600'],
    ['a last subidentifier cut short', '06022a86'],
    ['a subidentifier with a leading 0x80 octet (X.690 §8.19.2)', '06032a8001'],
  ])('refuses %s', (_label, input) => {
    // Act / Assess
    expect(asn1ErrorCode(() => oid(parseSingle(hex(input), 'oid'), 'oid'))).toBe('bad-value');
  });
});

describe('Function: parseSingle, the tree', () => {
  it('reads high tag numbers, BOOLEANs and the elements of an indefinite-length value without its end-of-contents', () => {
    // Prepare: [APPLICATION 200] { BOOLEAN TRUE (BER: any non-zero octet), NULL } with an indefinite length
    const node = parseSingle(hex('7f8148 80 0101ff 0500 0000'), 'x');

    // Act
    const [flag, nothing, ...more] = node.elements ?? [];

    // Assess
    expect([node.tagClass, node.tagNumber, node.constructed]).toEqual([1, 200, true]);
    expect(booleanValue(flag, 'flag')).toBe(true);
    expect([nothing.tagNumber, more]).toEqual([TAG.NULL, []]);
    expect(Buffer.from(rawBytes(nothing)).toString('hex')).toBe('0500');
  });
});
