import * as z from 'zod';
import type { Procedure } from '../domain/procedures';
import { contract } from './contract';

/**
 * The procedures the service offers, for the public pages read before signing in: built from the
 * same constants that enforce the rules (shared/domain/procedures.ts).
 */

const Rule = z
  .object({
    text: z.string(),
    basis: z.string().meta({ description: 'The article the rule comes from.', examples: ['Nghị định 23/2015/NĐ-CP, Điều 7 khoản 1'] }),
    uncertain: z.string().optional().meta({ description: 'Present when the article or wording is not yet confirmed against the official text: what is to confirm.' }),
  })
  .meta({ id: 'ProcedureRule' });

const Dong = z.number().int().min(0);

export const ProcedureSchema = z
  .object({
    id: z.string().meta({ examples: ['certify-copy', 'register-copy-birth'] }),
    kind: z.enum(['certify-copy', 'register-copy']),
    registerType: z.string().optional().meta({ description: 'For a copy from a master register: the register type whose rules apply.' }),
    name: z.string(),
    authority: Rule,
    requester: Rule,
    documents: z.array(Rule).meta({ description: 'What to bring (or upload).' }),
    fee: Rule.extend({
      amounts: z.object({ firstPagesFee: Dong.optional(), laterPagesFee: Dong.optional(), maxPerCopy: Dong.optional(), perCopy: Dong.optional() }).meta({ description: 'Đồng.' }),
    }),
    timeLimit: Rule,
    extension: Rule.extend({ allowed: z.boolean() }),
    result: Rule,
    refusedOriginals: z.array(Rule).optional().meta({ description: 'Originals that cannot be certified (Decree 23/2015 Art. 22).' }),
    legalBasis: z.array(z.string()),
  })
  .meta({ id: 'Procedure' });
export type ProcedureView = z.infer<typeof ProcedureSchema>;

// The domain's type and the schema say the same thing: a change to one that the other lacks fails to compile.
const _sameShape: (p: Procedure) => ProcedureView = (p) => p;
void _sameShape;

export const procedureContracts = {
  list: contract({ responses: { 200: { json: z.object({ items: z.array(ProcedureSchema) }) } }, errors: [] }),
};
