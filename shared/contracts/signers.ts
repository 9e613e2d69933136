import * as z from 'zod';
import { AgencySignerSchema, SignerBasisSchema } from '../domain/signers';
import { contract } from './contract';
import { Actor } from './requests';
import { DateTime, IsoDay, PathId, listOf, plainTextField } from './common';

/**
 * An agency's competent signers (Decree 23/2015 Art. 5 as amended by Decree 280/2025): who may
 * sign its copies, under which title and on which written basis, and when.
 */

const Basis = SignerBasisSchema.extend({
  decisionNo: plainTextField().min(1).max(100).meta({ description: 'Number of the decision assigning or authorising the signer, or electing/appointing the chairman or vice-chairman.', examples: ['125/QĐ-UBND'] }),
  decisionDate: IsoDay,
}).meta({ id: 'SignerBasis', description: 'The written basis of the competence (Decree 23 Art. 5 as amended).' });

export const AgencySignerView = AgencySignerSchema.extend({
  title: z.string().meta({ description: 'Printed under the signature exactly as written, e.g. `Phó Chủ tịch`.' }),
  basis: Basis,
  validFrom: DateTime,
  validTo: DateTime.optional().meta({ description: 'Exclusive; absent while the signer is in office.' }),
  recordedAt: DateTime,
  recordedBy: Actor,
  endedAt: DateTime.optional(),
  endedBy: Actor.optional(),
}).meta({ id: 'AgencySigner', description: 'One signer record. Records are never deleted: an issued copy names its signer; a signer leaves by getting `validTo`.' });
export type AgencySignerView = z.infer<typeof AgencySignerView>;

/** An instant given by a client; must parse. */
const Instant = z.iso.datetime({ offset: true, message: 'phải là thời điểm ISO 8601, ví dụ 2026-01-01T00:00:00+07:00' }).meta({ format: 'date-time' });

export const AddSignerSchema = z
  .object({
    userSub: z.string().trim().min(1).max(200).meta({ description: 'The user (an official of this agency) who may sign.' }),
    title: plainTextField().min(1).max(120).meta({ description: 'Exactly as printed under the signature.', examples: ['Phó Chủ tịch', 'Công chức Tư pháp - Hộ tịch'] }),
    basis: Basis,
    validFrom: Instant.optional().meta({ description: 'Default: now. An open record of the same user that began earlier is ended at this instant (replaced).' }),
    validTo: Instant.optional().meta({ description: 'Exclusive end, when known in advance (e.g. an authorisation for a period).' }),
  })
  .strict()
  .meta({ id: 'AddSignerInput' });
export type AddSignerInput = z.output<typeof AddSignerSchema>;

export const EndSignerSchema = z
  .object({
    validTo: Instant.optional().meta({ description: 'Default: now. Not before the record’s validFrom.' }),
    reason: plainTextField().min(1).max(500).optional().meta({ examples: ['Điều động công tác khác.'] }),
  })
  .strict()
  .meta({ id: 'EndSignerInput' });
export type EndSignerInput = z.output<typeof EndSignerSchema>;

const AgencyParams = z.object({ id: PathId.meta({ description: 'Agency id.' }) });
const SignerParams = AgencyParams.extend({ signerId: PathId });

export const signerContracts = {
  list: contract({ params: AgencyParams, responses: { 200: { json: listOf(AgencySignerView) } }, errors: [401, 403, 404] }),
  add: contract({ params: AgencyParams, body: { json: AddSignerSchema }, responses: { 201: { json: AgencySignerView } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
  end: contract({ params: SignerParams, body: { json: EndSignerSchema }, responses: { 200: { json: AgencySignerView } }, errors: [400, 401, 403, 404, 409, 413, 415, 422] }),
};
