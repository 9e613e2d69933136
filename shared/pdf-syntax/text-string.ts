/**
 * Encodes a PDF text string (§7.9.2.2). Printable ASCII stays a literal string, readable in the
 * file; anything else (Vietnamese diacritics) becomes UTF-16BE with a BOM, written as hex so no
 * byte needs escaping. PDFDocEncoding cannot hold Vietnamese, so there is no middle ground.
 */
export function encodeTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const utf16be = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${utf16be.toString('hex').toUpperCase()}>`;
}

/** Decodes a PDF text string (§7.9.2.2): UTF-16BE or UTF-8 with their BOM, else PDFDocEncoding. */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return Buffer.from(bytes.subarray(3)).toString('utf8');
  }
  // PDFDocEncoding equals latin1 except in 0x18–0x1F and 0x80–0xA0, which field names we
  // compare against never use; a near-miss there could only hide a name clash we then allow.
  return Buffer.from(bytes).toString('latin1');
}

/** Formats a date as a PDF date string (§7.9.4) in UTC, e.g. `(D:20250131094500Z)`. */
export function formatPdfDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('The signing time is not a valid date.');
  const iso = date.toISOString(); // 2025-01-31T09:45:00.000Z
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) throw new RangeError('The signing time is out of range.');
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

/** Formats a finite number the way PDF wants it (§7.3.3): no exponent, at most 4 decimals. */
export function formatPdfNumber(value: number): string {
  if (!Number.isFinite(value) || Math.abs(value) > 1e9) {
    throw new RangeError(`${value} is not a number a PDF can hold.`);
  }
  const fixed = value.toFixed(4).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}
