import { OriginalRejectedError } from '../domain/errors';
import { plainText } from '../domain/text';
import { findPdfHeader } from './pdf-guards';
import { OriginalFormatError, type OriginalContentType } from './types';

const LABELS: Record<OriginalContentType, string> = {
  'application/pdf': 'tệp PDF',
  'image/jpeg': 'ảnh JPEG',
  'image/png': 'ảnh PNG',
};

/** The type the bytes really are, from their magic numbers; undefined if none of ours. */
export function sniffContentType(bytes: Uint8Array): OriginalContentType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (findPdfHeader(bytes) >= 0) return 'application/pdf';
  return undefined;
}

/** Throws OriginalFormatError unless the bytes are of the declared type. */
export function assertDeclaredType(bytes: Uint8Array, declared: OriginalContentType): void {
  if (bytes.length === 0) throw new OriginalFormatError('tệp rỗng (0 byte).');
  const actual = sniffContentType(bytes);
  if (actual === declared) return;
  if (!actual) throw new OriginalFormatError(`nội dung không phải là ${LABELS[declared]} như đã khai báo.`);
  throw new OriginalFormatError(`nội dung là ${LABELS[actual]} nhưng được khai báo là ${LABELS[declared]}.`);
}

/** A file name fit for a message: no control characters, at most 120 characters. */
export function displayFileName(fileName: string): string {
  const clean = plainText(fileName) || '(không tên)';
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
}

/** The OriginalRejectedError for `fileName`: Vietnamese detail naming the file and the reason. */
export function rejectOriginal(fileName: string, error: unknown): OriginalRejectedError {
  if (error instanceof OriginalRejectedError) return error;
  const name = displayFileName(fileName);
  const reason = error instanceof OriginalFormatError ? error.message : 'tệp bị hỏng hoặc có cấu trúc không đọc được.';
  return new OriginalRejectedError(`Tệp "${name}" không được chấp nhận: ${reason}`, {
    cause: error,
    extra: { fileName: name },
  });
}
