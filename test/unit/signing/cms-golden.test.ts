import { describe, expect, it } from 'vitest';
import {
  GOLDEN_CASES, createGoldenCms, produceGoldenCms, readGoldenCms, withZeroedSignature, type GoldenCase,
} from './support/golden-cms';

/**
 * The CMS was assembled by PKI.js until its 300 KiB left the Lambda bundles; the fixtures are
 * that implementation's output for fixed keys and content. Same inputs, same bytes: the
 * hand-built DER must not drift from what validators already accepted.
 */
describe('Function: createDetachedCms against recorded output', () => {
  it.each(Object.keys(GOLDEN_CASES) as GoldenCase[])('%s: gives exactly the recorded bytes', async (name) => {
    // Prepare
    const expected = Buffer.from(readGoldenCms(name));

    // Act
    const actual = Buffer.from(await produceGoldenCms(name));

    // Assess: hex, so that a failure shows where the encodings part
    expect(actual.toString('hex')).toBe(expected.toString('hex'));
  });

  it('compares randomized (PSS) signatures with only their 256 signature octets zeroed', async () => {
    // Act
    const [a, b] = await Promise.all([createGoldenCms('rsa-pss'), createGoldenCms('rsa-pss')]);
    const [zeroedA, zeroedB] = [withZeroedSignature(a), withZeroedSignature(b)];

    // Assess: two PSS signatures differ, in the signature value only
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(zeroedA).equals(Buffer.from(zeroedB))).toBe(true);
    const changed = a.reduce((count, byte, i) => count + (byte !== zeroedA[i] ? 1 : 0), 0);
    expect(changed).toBeGreaterThan(200); // ~255 of 256 random octets are non-zero
    expect(changed).toBeLessThanOrEqual(256);
  });
});
