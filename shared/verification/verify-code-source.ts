import { normalizeVerifyCode } from '../domain/verify-code';
import { decodeTextString, type HistoricalView } from '../pdf-syntax';

const KEYWORD = /verify-code:\s*([0-9A-Za-z-]{24,40})/;

/**
 * The verify code in a revision's document information dictionary: `/VerifyCode`, else the
 * `verify-code:` keyword (shared/pdf/metadata.ts writes both). Undefined when absent or unreadable.
 */
export function verifyCodeInInfo(view: HistoricalView): string | undefined {
  try {
    const info = view.dict(view.trailer.entries.get('Info'));
    if (!info) return undefined;
    const direct = info.entries.get('VerifyCode');
    if (direct?.kind === 'string') {
      const code = normalizeVerifyCode(decodeTextString(direct.bytes));
      if (code) return code;
    }
    const keywords = info.entries.get('Keywords');
    if (keywords?.kind === 'string') {
      const match = KEYWORD.exec(decodeTextString(keywords.bytes));
      return match ? normalizeVerifyCode(match[1]) ?? undefined : undefined;
    }
  } catch {
    // an unreadable Info is no code; the structure checks report the damage
  }
  return undefined;
}

/**
 * Last resort for a file whose structure cannot be read (truncated, mangled): the first
 * `verify-code:` or `/VerifyCode (…)` in the raw bytes. Only ever a lookup hint, never evidence.
 */
export function verifyCodeInRawBytes(buf: Uint8Array): string | undefined {
  const file = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  for (const marker of ['/VerifyCode', 'verify-code:']) {
    const at = file.indexOf(marker);
    if (at < 0) continue;
    const text = file.toString('latin1', at + marker.length, Math.min(file.length, at + marker.length + 64));
    const match = /^\s*\(?\s*([0-9A-Za-z-]{24,40})/.exec(text);
    const code = match ? normalizeVerifyCode(match[1]) : null;
    if (code) return code;
  }
  return undefined;
}
