import * as z from 'zod';
import { RequestKindSchema } from './request';

/**
 * The electronic certification book (sổ chứng thực) and the book of copies from master registers.
 *
 * Decree 23/2015/NĐ-CP Art. 13(1): each agency keeps its books per year; Art. 14(1): a book is
 * closed at the end of the year with the total number of certifications and the signature of the
 * signer, and is kept permanently. Art. 13(2): when a book is full (or closed) within the year, the
 * next book continues the sequence. One line per number; its columns follow the book form of
 * Circular 01/2020/TT-BTP (sổ chứng thực bản sao từ bản chính): number, date, the requester's
 * name and identity document, the document's name, pages, copies, the signer's name and title,
 * the fee and a note.
 */
export const BookLineSchema = z.object({
  number: z.number().int().positive().meta({ description: 'Số chứng thực: the sequence number in the year (Art. 13(2)).' }),
  bookNo: z.number().int().positive().meta({ description: 'The book (quyển) of the year the line is in.' }),
  date: z.string().meta({ description: 'When the copy was issued (ISO 8601).' }),
  requesterName: z.string().meta({ description: "The requester's full name: as signed in, or as the official took it at the counter; '' only on lines of counter requests filed before the name was required." }),
  requesterIdNo: z.string().meta({ description: "The requester's identity document number (CCCD)." }),
  documentName: z.string().meta({ description: 'Tên giấy tờ: the name of the original (or of the register copy).' }),
  pages: z.number().int().nonnegative(),
  copies: z.number().int().positive().meta({ description: 'One electronic file is issued per number: 1.' }),
  signerName: z.string(),
  signerTitle: z.string(),
  fee: z.number().int().nonnegative().meta({ description: 'Đồng (Circular 226/2016/TT-BTC Art. 4).' }),
  note: z.string(),
  kind: RequestKindSchema,
  documentId: z.string(),
  verifyCode: z.string(),
  requestId: z.string(),
});
export type BookLine = z.infer<typeof BookLineSchema>;

/** The columns one issuance writes into its line, beyond the number and the book. */
export type BookLineColumns = Omit<BookLine, 'number' | 'bookNo'>;

/** A book of the year: open (lines are being written) or closed with its total and signed PDF (Art. 14(1)). */
export interface BookVolume {
  bookNo: number;
  closedAt?: string;
  closedBy?: string;
  total?: number;
  firstNumber?: number;
  lastNumber?: number;
  documentId?: string;
  verifyCode?: string;
}

/** The book of the year open for new lines: the one after the last closed book (Art. 13(2)). */
export function openBookNo(volumes: readonly Pick<BookVolume, 'bookNo' | 'closedAt'>[]): number {
  return volumes.filter((v) => v.closedAt !== undefined).reduce((n, v) => Math.max(n, v.bookNo), 0) + 1;
}
