import { SignPdf } from '@signpdf/signpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDetachedCms } from '../../../shared/signing/cms';
import { createDevSigner } from '../../../shared/signing/dev/dev-pki';
import { SigningError } from '../../../shared/signing/errors';
import { fillPlaceholderRevision, fillSignaturePlaceholder, type SignedRanges } from '../../../shared/signing/fill-signature';
import { PadesCmsSigner } from './support/pades-cms-signer';
import { appendSignaturePlaceholder } from '../../../shared/signing/signature-revision';
import type { Signer } from '../../../shared/signing/signer';
import { buildPdf } from './support/pdf-fixtures';
import { OFFICIAL, createTestPki, type TestPki } from './support/test-pki';

const FIELD = { name: 'official', pageIndex: 0, rect: [60, 120, 280, 200] as [number, number, number, number] };
const SIGNING_TIME = new Date('2025-03-14T02:30:00Z');

describe('Function: fillSignaturePlaceholder', () => {
  let env: TestPki;
  let signer: Signer;
  let unsigned: Uint8Array;
  const placeholder = (contentsBytes = 8192) => appendSignaturePlaceholder(unsigned, FIELD, { signingTime: SIGNING_TIME, signerName: OFFICIAL.fullName }, contentsBytes).pdf;
  const cmsOver = (ranges: SignedRanges) => createDetachedCms({ signer, content: Buffer.concat(ranges) });

  beforeAll(async () => {
    env = await createTestPki();
    signer = createDevSigner(env.pki.officials[OFFICIAL.id]);
    unsigned = await buildPdf({ pages: 1 });
  });
  afterAll(() => env.cleanup());

  it('produces exactly the bytes @signpdf\'s SignPdf.sign produces for the same placeholder', async () => {
    // Arrange: RSA PKCS#1 v1.5 is deterministic, so the same ranges give the same CMS.
    const theirs = await new SignPdf().sign(placeholder(), new PadesCmsSigner(signer), SIGNING_TIME);

    // Act
    const ours = await fillSignaturePlaceholder(placeholder(), cmsOver);

    // Assess
    expect(ours.length).toBe(theirs.length);
    expect(ours.equals(theirs)).toBe(true);
  });

  it('signs in place: the result is a view of the placeholder buffer, not a copy', async () => {
    // Arrange
    const pdf = placeholder();

    // Act
    const signed = await fillSignaturePlaceholder(pdf, cmsOver);

    // Assess
    expect(signed.buffer).toBe(pdf.buffer);
    expect(signed.byteOffset).toBe(pdf.byteOffset);
    expect(signed.length).toBe(pdf.length - 1);
  });

  it('hands the signer the two ranges around /Contents, as views of the file', async () => {
    // Arrange
    const pdf = placeholder();
    let seen: SignedRanges | undefined;

    // Act
    const signed = await fillSignaturePlaceholder(pdf, async (ranges) => {
      seen = ranges;
      return cmsOver(ranges);
    });

    // Assess
    const text = signed.toString('latin1');
    const [, a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text)!.map(Number);
    expect([a, b, c, d]).toEqual([0, seen![0].length, signed.length - seen![1].length, seen![1].length]);
    expect(seen![0].buffer).toBe(pdf.buffer);
    expect(text[b]).toBe('<');
    expect(text[c - 1]).toBe('>');
  });

  it('refuses a CMS larger than the reserved /Contents, with signature-too-large', async () => {
    // Arrange: 1024 bytes reserved, an RSA CMS with its chain needs more.
    const pdf = placeholder(1024);

    // Act
    const attempt = fillSignaturePlaceholder(pdf, async () => new Uint8Array(1025));

    // Assess
    await expect(attempt).rejects.toSatisfy((e) => e instanceof SigningError && e.code === 'signature-too-large');
  });

  it('looks for the placeholder only in the new revision: an earlier unfilled one is neither read nor touched', async () => {
    // Arrange
    const earlier = placeholder();
    const next = appendSignaturePlaceholder(earlier, { ...FIELD, name: 'agency' }, { signingTime: SIGNING_TIME }, 8192);

    // Act
    const signed = await fillPlaceholderRevision(earlier, next, cmsOver);

    // Assess
    expect(Buffer.compare(signed.subarray(0, earlier.length), earlier)).toBe(0);
    expect(signed.subarray(next.byteRangeOffset, next.contentsOffset).toString('latin1'))
      .toMatch(new RegExp(`^/ByteRange \\[0 ${next.contentsOffset} \\d+ \\d+\\] *\\n/Contents $`));
  });

  it('refuses a file without a placeholder, or one that does not end with %%EOF', async () => {
    // Arrange
    const noPlaceholder = Buffer.from(unsigned);
    const truncated = placeholder().subarray(0, -10);

    // Act / Assess
    await expect(fillSignaturePlaceholder(noPlaceholder, cmsOver)).rejects.toSatisfy((e) => e instanceof SigningError && e.code === 'unsupported-pdf');
    await expect(fillSignaturePlaceholder(Buffer.from(truncated), cmsOver)).rejects.toSatisfy((e) => e instanceof SigningError && e.code === 'unsupported-pdf');
  });
});
