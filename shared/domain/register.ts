import { z } from 'zod';

/** A field of a master register type: name, Vietnamese label, type, required. */
export const RegisterFieldSchema = z.object({
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,49}$/),
  label: z.string().min(1).max(200),
  type: z.enum(['string', 'date', 'enum', 'number']),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
});
export type RegisterField = z.infer<typeof RegisterFieldSchema>;

/** A master register (sổ gốc) an agency holds, with the declaration of its entries' fields. */
export const RegisterSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  type: z.string(),
  title: z.string(),
  /** The copy's title, e.g. "TRÍCH LỤC KHAI SINH"; rendered with "(BẢN SAO)". */
  copyTitle: z.string(),
  /** Book code of the copies issued from this register (configured per register type). */
  bookCode: z.string(),
  /** Fee per copy in đồng (0 when none). */
  feePerCopy: z.number().int().min(0),
  fields: z.array(RegisterFieldSchema),
});
export type Register = z.infer<typeof RegisterSchema>;

export const RegisterEntrySchema = z.object({
  registerId: z.string(),
  entryNo: z.string(),
  data: z.record(z.string(), z.string()),
});
export type RegisterEntry = z.infer<typeof RegisterEntrySchema>;
