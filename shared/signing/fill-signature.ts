import { findByteRange, removeTrailingNewLine } from '@signpdf/utils';
import { readXrefIndex } from '../pdf-syntax';
import { asSigningError, SigningError } from './errors';
import type { PlaceholderRevision } from './signature-revision';

/** The two signed byte ranges of a PDF signature: everything before `<` and after `>` of /Contents. */
export type SignedRanges = [before: Uint8Array, after: Uint8Array];

/**
 * Fills a signature placeholder the way @signpdf's `SignPdf.sign` does — the same placeholder
 * search, the same end-of-file rule, the same /ByteRange text and zero-padded /Contents, so the
 * result is byte-identical (test/unit/signing/fill-signature.test.ts checks it against SignPdf) —
 * but in place. SignPdf joins the file three times with Buffer.concat (new /ByteRange, ranges
 * without /Contents, signature back in): for a 50 MB copy that was three quarters of the signing
 * time and ~150 MB of peak memory per signature (issue #10). Here the ranges are handed to
 * `sign` as two views of the one buffer and the writes land in the placeholder buffer itself.
 *
 * `pdf` must be a buffer the caller owns (appendSignaturePlaceholder's fresh output): it is
 * modified, and the returned signed PDF is a view of it without the final end-of-line.
 * `from`: where the new revision starts; the placeholder is looked for only after it, so the
 * earlier revisions (nearly the whole file, scanned for nothing) are not read.
 */
export async function fillSignaturePlaceholder(
  pdf: Buffer,
  sign: (ranges: SignedRanges) => Promise<Uint8Array>,
  from = 0,
): Promise<Buffer> {
  let file: Buffer;
  let placeholderText: string | undefined;
  let placeholderAt: number | undefined;
  try {
    file = removeTrailingNewLine(pdf);
    ({ byteRangePlaceholder: placeholderText, byteRangePlaceholderPosition: placeholderAt } = findByteRange(file.subarray(from)));
    if (placeholderAt !== undefined) placeholderAt += from;
  } catch (error) {
    throw new SigningError('unsupported-pdf', `The signature placeholder cannot be filled: ${(error as Error).message}`, { cause: error });
  }
  if (placeholderText === undefined || placeholderAt === undefined) {
    throw new SigningError('unsupported-pdf', 'The PDF has no /ByteRange placeholder to fill.');
  }

  const byteRangeEnd = placeholderAt + placeholderText.length;
  const contentsTag = file.indexOf('/Contents ', byteRangeEnd);
  const open = contentsTag < 0 ? -1 : file.indexOf('<', contentsTag);
  const close = open < 0 ? -1 : file.indexOf('>', open);
  if (close < 0) throw new SigningError('unsupported-pdf', 'The signature dictionary has no /Contents placeholder after its /ByteRange.');
  const hexLength = close - open - 1;
  const byteRange = [0, open, close + 1, file.length - (close + 1)];
  const byteRangeText = `/ByteRange [${byteRange.join(' ')}]`;
  if (byteRangeText.length > placeholderText.length) {
    throw new SigningError('unsupported-pdf', 'The /ByteRange placeholder is too short for this file\'s offsets.');
  }
  file.write(byteRangeText.padEnd(placeholderText.length, ' '), placeholderAt, 'latin1');

  const cms = await sign([file.subarray(0, open), file.subarray(close + 1)]);
  if (cms.length * 2 > hexLength) {
    throw new SigningError('signature-too-large', `The CMS does not fit into the reserved /Contents: ${cms.length * 2} > ${hexLength} hex digits.`);
  }
  const hex = Buffer.from(cms.buffer, cms.byteOffset, cms.length).toString('hex');
  file.write(hex.padEnd(hexLength, '0'), open + 1, 'latin1');
  return file;
}

/**
 * Fills the placeholder that appendSignaturePlaceholder or appendDocTimeStampPlaceholder appended
 * to `input` with what `sign` makes of the byte ranges (a CMS signature, or an RFC 3161 token for
 * a document time-stamp), then checks the result: the one way a placeholder becomes a signature.
 */
export async function fillPlaceholderRevision(
  input: Uint8Array, placeholder: PlaceholderRevision, sign: (ranges: SignedRanges) => Promise<Uint8Array>,
): Promise<Buffer> {
  const signed = await fillSignaturePlaceholder(placeholder.pdf, sign, input.length);
  assertSignedAsPlanned(input, placeholder, signed);
  return signed;
}

/**
 * Checks that the fill touched our placeholder and nothing else: the earlier revisions are
 * byte-identical, the /ByteRange spans exactly our /Contents up to the end of the file, and the
 * result still parses. A surprise here means a bug, and a broken file must never leave.
 */
function assertSignedAsPlanned(input: Uint8Array, placeholder: PlaceholderRevision, signed: Buffer): void {
  const broken = (why: string) => new SigningError('unsupported-pdf', `The signed PDF came out inconsistent: ${why}.`);
  // As @signpdf does, the final end-of-line is dropped so that the last byte range ends at the file's end.
  if (signed.length !== placeholder.pdf.length - 1) throw broken('unexpected length');
  // Written in place after `input` (GrowingPdf), the prefix is the same memory: comparing it with
  // itself would read the whole file twice for nothing; the checks below then prove that the fill
  // wrote only into our placeholder.
  const inPlace = signed.buffer === input.buffer && signed.byteOffset === input.byteOffset;
  if (!inPlace && !signed.subarray(0, input.length).equals(Buffer.from(input.buffer, input.byteOffset, input.length))) throw broken('the earlier revisions changed');
  const byteRangeText = signed.subarray(placeholder.byteRangeOffset, placeholder.contentsOffset).toString('latin1');
  const match = /^\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\] *\n\/Contents $/.exec(byteRangeText);
  if (!match) throw broken('the /ByteRange was not filled in place');
  const [start, firstLength, secondStart, secondLength] = match.slice(1).map(Number);
  const contentsEnd = placeholder.contentsOffset + placeholder.contentsHexLength + 2;
  if (start !== 0 || firstLength !== placeholder.contentsOffset || secondStart !== contentsEnd
    || secondStart + secondLength !== signed.length) {
    throw broken('the /ByteRange does not frame this signature\'s /Contents');
  }
  const contents = signed.subarray(placeholder.contentsOffset, contentsEnd).toString('latin1');
  if (!/^<30[0-9a-f]+>$/.test(contents)) throw broken('the /Contents is not a DER SEQUENCE in hex');
  try {
    readXrefIndex(signed);
  } catch (error) {
    throw asSigningError(error);
  }
}
