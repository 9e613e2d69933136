import { describe, expect, it } from 'vitest';
import { Asn1Error } from '../../../shared/asn1';
import { parseCms } from '../../../shared/verification/cms';
import { MalformedFileError } from '../../../shared/verification/errors';
import { thrown } from '../asn1/support/thrown';
import { parsePdfDate } from '../../../shared/verification/signature-dictionary';
import { decide, type VerdictInput } from '../../../shared/verification/verdict';
import type { RegistryRecord } from '../../../shared/verification';

describe('Function: parsePdfDate', () => {
  it.each([
    ['D:20250314023000Z', '2025-03-14T02:30:00.000Z'],
    ["D:20250314093000+07'00'", '2025-03-14T02:30:00.000Z'],
    ["D:20250313213000-05'00", '2025-03-14T02:30:00.000Z'],
    ['D:2025031402', '2025-03-14T02:00:00.000Z'],
    ['20250314', '2025-03-14T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(new Date(parsePdfDate(text)!).toISOString()).toBe(iso);
  });

  it.each(['', 'yesterday', 'D:20251314000000Z', 'D:2025031425', "D:20250314023000+25'00'"])('refuses %j', (text) => {
    expect(parsePdfDate(text)).toBeUndefined();
  });
});

describe('Function: parseCms', () => {
  it.each<[string, number[], string]>([
    ['a truncated CMS', [0x30, 0x82, 0x01], 'truncated'],
    ['runaway nesting', [...Array.from({ length: 100 }, () => [0x30, 0x80]).flat(), 0, 0], 'limit-exceeded'],
    ['an INTEGER where the content type is', [0x30, 0x05, 0x02, 0x01, 0x05, 0xa0, 0x00], 'unexpected-type'],
  ])('turns the Asn1Error of %s into a MalformedFileError that keeps it as cause', (_label, bytes, code) => {
    // Act
    const error = thrown(() => parseCms(Uint8Array.from(bytes)));

    // Assess
    expect(error).toBeInstanceOf(MalformedFileError);
    expect((error as MalformedFileError).cause).toBeInstanceOf(Asn1Error);
    expect(((error as MalformedFileError).cause as Asn1Error).code).toBe(code);
  });
});

describe('Function: decide', () => {
  const record: RegistryRecord = {
    verifyCode: 'X', kind: 'certify-copy', issuer: 'A', issuedAt: '2026-01-01T00:00:00Z', number: 1, book: '01/2026-SCT/BS', pages: 1, sha256: '00', status: 'valid',
  };
  const sound: VerdictInput = {
    signatures: 2, signatureTraces: false, unsupported: false, broken: false, chainTrusted: true, keyUsageOk: true, validAtSigningTime: true,
    record, fileHashMatches: true,
  };

  it.each<[string, Partial<VerdictInput>, string, string | undefined]>([
    ['everything holds', {}, 'authentic', undefined],
    ['the record is revoked', { record: { ...record, status: 'revoked' } }, 'revoked', 'REVOKED'],
    ['the record has an unknown status', { record: { ...record, status: 'archived' as never } }, 'revoked', 'REVOKED'],
    ['the hash differs', { fileHashMatches: false }, 'tampered', 'HASH_FAILURE'],
    ['a signature is broken', { integrityFailure: 'SIG_CRYPTO_FAILURE' }, 'tampered', 'SIG_CRYPTO_FAILURE'],
    ['a revoked record is also broken', { record: { ...record, status: 'revoked' }, integrityFailure: 'HASH_FAILURE' }, 'tampered', 'HASH_FAILURE'],
    ['the chain is not trusted', { chainTrusted: false }, 'untrusted', 'NO_CERTIFICATE_CHAIN_FOUND'],
    ['the key usage is wrong', { keyUsageOk: false }, 'untrusted', 'CHAIN_CONSTRAINTS_FAILURE'],
    ['a certificate was expired', { validAtSigningTime: false }, 'untrusted', 'OUT_OF_BOUNDS_NO_POE'],
    ['no record exists', { record: undefined, fileHashMatches: false }, 'unknown', 'SIGNED_DATA_NOT_FOUND'],
    ['an outsider is untrusted and unknown', { record: undefined, fileHashMatches: false, chainTrusted: false }, 'untrusted', 'NO_CERTIFICATE_CHAIN_FOUND'],
    ['a signature is not PAdES', { unsupported: true }, 'unknown', 'FORMAT_FAILURE'],
    ['there is no signature', { signatures: 0, record: undefined, fileHashMatches: false }, 'unknown', 'SIGNED_DATA_NOT_FOUND'],
    ['there is no signature but a known code', { signatures: 0, fileHashMatches: false }, 'tampered', 'HASH_FAILURE'],
    ['only traces of a signature remain', { signatures: 0, signatureTraces: true, record: undefined, fileHashMatches: false }, 'tampered', 'FORMAT_FAILURE'],
    ['a damaged file says nothing', { signatures: 0, broken: true, record: undefined, fileHashMatches: false }, 'unknown', 'FORMAT_FAILURE'],
  ])('when %s', (_label, change, verdict, subIndication) => {
    // Act
    const decision = decide({ ...sound, ...change });

    // Assess
    expect(decision.verdict).toBe(verdict);
    expect(decision.subIndication).toBe(subIndication);
    expect(decision.indication).toBe({ authentic: 'TOTAL_PASSED', revoked: 'TOTAL_FAILED', tampered: 'TOTAL_FAILED' }[verdict as string] ?? 'INDETERMINATE');
  });
});
