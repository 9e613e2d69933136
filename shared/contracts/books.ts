import * as z from 'zod';
import { BookLineSchema } from '../domain/book';
import { contract } from './contract';
import { BookField, DateTime, PathId, Url } from './common';

/** The electronic books (sổ chứng thực) of an agency: read by year, closed by a signer (Decree 23/2015 Art. 13, 14). */

export const BookQuerySchema = z.object({
  agencyId: z.string().min(1).max(100),
  year: z.coerce.number().int().min(2000).max(9999).meta({ description: 'Calendar year (Vietnam time) of the book.' }),
  bookCode: z.string().max(40).optional().meta({ description: "One of the agency's books (e.g. a register-copy book `TLKS/BS`); default its electronic book of certified copies." }),
  format: z.enum(['json', 'csv']).optional().meta({ description: '`csv` answers text/csv (as does `Accept: text/csv`).' }),
});
export type BookQuery = z.output<typeof BookQuerySchema>;

export const BookLine = BookLineSchema.meta({ id: 'BookLine', description: 'One line of the book, with the columns of the book form (Circular 01/2020/TT-BTP).' });

export const BookSchema = z
  .object({
    id: z.string().meta({ description: 'Agency, year, book number and book code: `{agencyId}~{year}~{bookNo}~{bookCode, / as _}`.', examples: ['ubnd-phuong-ba-dinh~2026~01~SCT_BS-ĐT'] }),
    bookNo: z.number().int().positive(),
    book: BookField,
    status: z.enum(['open', 'closed']),
    closedAt: DateTime.optional(),
    total: z.number().int().nonnegative().optional().meta({ description: 'Written when the book is closed (Art. 14(1)).' }),
    documentId: z.string().optional().meta({ description: "The closed book's signed PDF." }),
    verifyCode: z.string().optional(),
    lines: z.array(BookLine),
  })
  .meta({ id: 'Book' });

export const BookYearSchema = z
  .object({
    agencyId: z.string(),
    agencyName: z.string(),
    year: z.number().int(),
    bookCode: z.string(),
    books: z.array(BookSchema).meta({ description: 'The books of the year, the open one last (Art. 13(2): a second book continues the sequence).' }),
  })
  .meta({ id: 'BookYear' });
export type BookYear = z.infer<typeof BookYearSchema>;

export const BookClosedSchema = z
  .object({
    id: z.string(),
    book: BookField,
    total: z.number().int().nonnegative(),
    documentId: z.string(),
    verifyCode: z.string(),
    verifyUrl: Url,
    next: BookField.meta({ description: 'The book new lines of the year go into.' }),
  })
  .meta({ id: 'BookClosed' });
export type BookClosed = z.infer<typeof BookClosedSchema>;

const BookParams = z.object({ id: PathId.meta({ description: 'Book id (see `Book.id`).' }) });

export const bookContracts = {
  year: contract({ query: BookQuerySchema, responses: { 200: { json: BookYearSchema, media: ['text/csv'] } }, errors: [400, 401, 403, 404, 422] }),
  close: contract({ params: BookParams, responses: { 201: { json: BookClosedSchema } }, errors: [401, 403, 404, 409, 503] }),
};
