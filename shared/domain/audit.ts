import * as z from 'zod';
import { ActorSchema } from './request';

/** One line of a request's (or document's) history: who did what, when, from which state to which. */
export const AuditEntrySchema = z.object({
  at: z.string(),
  actor: ActorSchema,
  action: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  reason: z.string().optional(),
  /** Small, non-personal facts (e.g. the certification number). */
  data: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
