import type { CreateRequestInput } from '../contracts/requests';
import { isSubjectOf, type Entitlement } from '../domain/entitlement';
import { ValidationError } from '../domain/errors';
import { entryNoError } from '../domain/register';
import { registerTypeRule } from '../domain/register-types';
import type { RequestRecord } from '../domain/request';
import type { RegisterReader } from './ports';

/** What a register-copy request names, as its requester knows it. */
export type RegisterClaimInput = Pick<CreateRequestInput, 'agencyId' | 'registerId' | 'entryNo' | 'ground' | 'subjectName' | 'subjectBirthDate'>;

/**
 * Reads what a request for a copy from a master register names and decides whether the requester
 * is, on the face of the register, its subject (Decree 23/2015 Art. 16(2)(a); identity by the
 * verified ID number, Art. 17(1) as amended by Decree 07/2025).
 *
 * No oracle: the register and the entry are read in every case, and an entry that does not
 * exist, one about someone else and one whose details differ all give the same result —
 * `pending`, for an official to look at. Only the format of the input and whether the agency
 * holds the register (which the agency list publishes) are answered at once.
 */
export async function claimRegisterEntry(registers: RegisterReader, input: RegisterClaimInput, requesterId: string): Promise<Pick<RequestRecord, 'registerId' | 'entryNo' | 'entitlement'>> {
  if (!input.registerId || !input.entryNo) throw new ValidationError('Yêu cầu cấp bản sao từ sổ gốc phải có registerId và entryNo.');
  const noError = entryNoError(input.entryNo);
  if (noError) throw new ValidationError(`Số trong sổ gốc: ${noError.message}.`, { extra: { errors: [noError] } });
  const ground = input.ground ?? 'self';
  // Art. 17(1): someone other than the subject names whom they ask for, to be checked against their evidence.
  if (ground !== 'self' && (!input.subjectName || !input.subjectBirthDate)) {
    throw new ValidationError('Khi yêu cầu bản sao về người khác, phải ghi họ tên và ngày sinh của người được cấp bản chính.', {
      extra: { errors: [{ field: 'subjectName', message: 'bắt buộc' }, { field: 'subjectBirthDate', message: 'bắt buộc' }].filter((e) => !input[e.field as 'subjectName' | 'subjectBirthDate']) },
    });
  }
  const [register, entry] = await Promise.all([registers.get(input.registerId), registers.entry(input.registerId, input.entryNo)]);
  if (!register || register.agencyId !== input.agencyId) {
    throw new ValidationError(`Cơ quan không quản lý sổ gốc "${input.registerId}".`, { extra: { errors: [{ field: 'registerId', message: 'không thuộc cơ quan' }] } });
  }
  const verified = ground === 'self' && isSubjectOf(registerTypeRule(register.type), entry, { requesterId, subjectName: input.subjectName, subjectBirthDate: input.subjectBirthDate });
  const entitlement: Entitlement = {
    ground,
    ...(input.subjectName ? { subjectName: input.subjectName } : {}),
    ...(input.subjectBirthDate ? { subjectBirthDate: input.subjectBirthDate } : {}),
    status: verified ? 'verified' : 'pending',
  };
  return { registerId: input.registerId, entryNo: input.entryNo, entitlement };
}
