import { HEX_VALUE, decodeTextString, type PdfDict } from '../pdf-syntax';
import type { SignatureField } from './signature-fields';

/** The two signed byte ranges: [0, gapStart) and [gapEnd, end). */
export interface SignedRanges {
  gapStart: number;
  gapEnd: number;
  end: number;
}

export interface ByteRangeResult {
  ok: boolean;
  /** Vietnamese reason when not ok. */
  detail: string;
  ranges?: SignedRanges;
  /** The decoded /Contents (CMS followed by zero padding) when the range is well-formed. */
  contents?: Buffer;
}

/**
 * docs/signatures.md "Structure: ByteRange and Contents exactness": /ByteRange is a direct array of exactly four
 * non-negative integers starting at 0, its gap is exactly this dictionary's own /Contents hex
 * token (`<`, hex digits only, `>`), both ranges lie in the file, and the dictionary itself (all
 * but /Contents) lies inside the signed bytes. Stops universal forgery, wrapping and spoofing.
 */
export function checkByteRange(buf: Uint8Array, signature: SignatureField): ByteRangeResult {
  const fail = (why: string): ByteRangeResult => ({ ok: false, detail: why });
  const { dict } = signature;
  const range = dict.entries.get('ByteRange');
  if (range?.kind !== 'array') return fail('Không có vùng dữ liệu được ký (/ByteRange) dạng mảng trực tiếp.');
  if (range.items.length !== 4) return fail(`Vùng dữ liệu được ký phải có đúng 4 số, ở đây có ${range.items.length}.`);
  const numbers = range.items.map((item) => (item.kind === 'number' && Number.isSafeInteger(item.value) && item.value >= 0 ? item.value : -1));
  if (numbers.includes(-1)) return fail('Vùng dữ liệu được ký chứa giá trị không phải số nguyên không âm.');
  const [start, firstLength, gapEnd, secondLength] = numbers;
  if (start !== 0) return fail('Vùng dữ liệu được ký không bắt đầu từ đầu tệp.');
  const contents = dict.entries.get('Contents');
  if (contents?.kind !== 'string') return fail('Không có giá trị chữ ký (/Contents) dạng chuỗi trực tiếp.');
  const file = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  if (firstLength !== contents.start || gapEnd !== contents.end) {
    return fail('Phần bị chừa ra khỏi vùng ký không trùng khớp với đúng giá trị chữ ký (/Contents): có thể là tấn công bao gói chữ ký.');
  }
  const end = gapEnd + secondLength;
  if (end > file.length) return fail('Vùng dữ liệu được ký vượt quá độ dài tệp: tệp đã bị cắt bớt.');
  if (!isHexToken(file, contents.start, contents.end)) return fail('Giá trị chữ ký (/Contents) không phải là chuỗi hex thuần.');
  if (dict.start >= firstLength || dict.end > end) return fail('Từ điển chữ ký nằm ngoài phần dữ liệu được ký.');
  if (signature.sigObjectOffset > dict.start) return fail('Từ điển chữ ký nằm ngoài đối tượng của nó.');
  const hexDigits = contents.end - contents.start - 2;
  if (hexDigits === 0 || hexDigits % 2 !== 0) return fail('Giá trị chữ ký (/Contents) rỗng hoặc có độ dài lẻ.');
  // The lexer already decoded the token, and it is bare hex digits, so its bytes are exact.
  const bytes = Buffer.from(contents.bytes.buffer, contents.bytes.byteOffset, contents.bytes.length);
  return { ok: true, detail: '', ranges: { gapStart: firstLength, gapEnd, end }, contents: bytes };
}

/** `<` + hex digits + `>` and nothing else (no white-space: the gap must be the bare token). */
function isHexToken(file: Buffer, start: number, end: number): boolean {
  if (end - start < 2 || file[start] !== 0x3c || file[end - 1] !== 0x3e) return false;
  for (let i = start + 1; i < end - 1; i++) if (HEX_VALUE[file[i]] === 255) return false;
  return true;
}

/** A name entry of the signature dictionary, '' when absent or not a name. */
export function nameEntry(dict: PdfDict, key: string): string {
  const node = dict.entries.get(key);
  return node?.kind === 'name' ? node.value : '';
}

/** A text entry of the signature dictionary (/Name, /Reason, /M), decoded. */
export function textEntry(dict: PdfDict, key: string): string | undefined {
  const node = dict.entries.get(key);
  return node?.kind === 'string' ? decodeTextString(node.bytes) : undefined;
}

/** Parses a PDF date (ISO 32000-1 §7.9.4), `D:YYYYMMDDHHmmSSOHH'mm'`, trailing parts optional. */
export function parsePdfDate(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = match;
  const parts = [Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(oh), Number(om)];
  if (parts[0] < 1 || parts[0] > 12 || parts[1] < 1 || parts[1] > 31 || parts[2] > 23 || parts[3] > 59 || parts[4] > 59 || parts[5] > 23 || parts[6] > 59) {
    return undefined;
  }
  const utc = Date.UTC(Number(y), parts[0] - 1, parts[1], parts[2], parts[3], parts[4]);
  const offset = (parts[5] * 60 + parts[6]) * 60_000;
  // Without a zone the time is unknown; reading it as UTC is what most validators do.
  const ms = sign === '+' ? utc - offset : sign === '-' ? utc + offset : utc;
  return Number.isFinite(ms) ? ms : undefined;
}
