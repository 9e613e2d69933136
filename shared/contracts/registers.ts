import * as z from 'zod';
import { RegisterEntrySchema as StoredEntrySchema, RegisterFieldSchema, RegisterSchema as StoredRegisterSchema } from '../domain/register';
import { contract } from './contract';
import { PathId, limitParam, listOf, plainTextField } from './common';

/** Master registers (sổ gốc) and their entries. */


export const RegisterFieldView = RegisterFieldSchema.meta({ id: 'RegisterField' });
export type RegisterField = z.infer<typeof RegisterFieldView>;

export const RegisterView = StoredRegisterSchema.extend({
  type: z.string().meta({ examples: ['birth'] }),
  copyTitle: z.string().meta({ description: "The copy's title, e.g. `TRÍCH LỤC KHAI SINH`." }),
  bookCode: z.string().meta({ description: 'Book code of copies issued from this register.' }),
  feePerCopy: z.number().int().min(0).meta({ description: 'Đồng.' }),
  fields: z.array(RegisterFieldView),
}).meta({ id: 'Register', description: "A master register (sổ gốc) with the declaration of its entries' fields." });
export type Register = z.infer<typeof RegisterView>;

export const RegisterEntryView = StoredEntrySchema.extend({
  data: z.record(z.string(), z.string()).meta({ description: 'Field name → value (dates `YYYY-MM-DD`).', examples: [{ hoTen: 'Nguyễn Văn An', ngaySinh: '1990-03-15' }] }),
}).meta({ id: 'RegisterEntry' });
export type RegisterEntry = z.infer<typeof RegisterEntryView>;

export const AddEntrySchema = z
  .object({
    entryNo: z.string().trim().min(1).max(50).meta({ description: 'Letters, digits and `/ . _ -`, starting with a letter or digit (checked as `^[0-9A-Za-z][0-9A-Za-z/._-]{0,49}$`).', examples: ['125/2024'] }),
    data: z.record(z.string(), z.unknown()).meta({ description: "Field name → value (string or number), per the register's `fields`; checked by the use case, not the schema." }),
  })
  .strict()
  .meta({ id: 'AddEntryInput' });
export type AddEntryInput = z.output<typeof AddEntrySchema>;

/**
 * Why an official reads entries: the request being handled, or a written reason. Every read is
 * in the register's audit trail with who and why (personal data of the first rank).
 */
const ReadPurpose = {
  requestId: z.string().trim().min(1).max(200).optional().meta({ description: 'The request being handled (one of `requestId`/`reason` is required).' }),
  reason: plainTextField().min(5).max(300).optional().meta({ description: 'Why the entry is read, when not for a request.', examples: ['Đối chiếu theo công văn số 12/CV'] }),
};
export const ReadPurposeSchema = z.object(ReadPurpose);
export type ReadPurpose = z.output<typeof ReadPurposeSchema>;

export const SearchEntriesSchema = z.object({ q: z.string().max(100).default('').meta({ examples: ['Nguyễn Văn An'] }), limit: limitParam(20), ...ReadPurpose });
export type SearchEntriesQuery = z.output<typeof SearchEntriesSchema>;

export const ImportResultSchema = z
  .object({
    imported: z.number().int(),
    rejected: z
      .array(z.object({ line: z.number().int().meta({ description: 'Line number as a spreadsheet shows it (header = 1).' }), error: z.string() }))
      .meta({ description: 'Sorted by line.' }),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResultSchema>;

const RegisterParams = z.object({ id: PathId.meta({ description: 'Register id, e.g. `khai-sinh-ba-dinh`.' }) });

export const registerContracts = {
  list: contract({ responses: { 200: { json: z.array(RegisterView) } }, errors: [401, 403] }),
  addEntry: contract({ params: RegisterParams, body: { json: AddEntrySchema }, responses: { 201: { json: RegisterEntryView } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  search: contract({ params: RegisterParams, query: SearchEntriesSchema, responses: { 200: { json: listOf(RegisterEntryView) } }, errors: [401, 403, 404, 422] }),
  getEntry: contract({ params: RegisterParams.extend({ entryNo: PathId }), query: ReadPurposeSchema, responses: { 200: { json: RegisterEntryView } }, errors: [401, 403, 404, 422] }),
  import: contract({ params: RegisterParams, body: { raw: { media: 'text/csv' } }, responses: { 200: { json: ImportResultSchema } }, errors: [401, 403, 404, 409, 413, 415, 422] }),
};
