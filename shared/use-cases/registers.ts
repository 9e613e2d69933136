import type { AddEntryInput, SearchEntriesQuery } from '../contracts/registers';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { entryNoError, validateEntryData, type Register, type RegisterEntry } from '../domain/register';
import type { Principal } from '../domain/roles';
import { parseEntriesCsv, type CsvRejection } from '../registers/entries-csv';
import type { Services } from '../runtime/services';
import { assertAgencyOfficial } from './access';

/** A register the caller's agency holds, or 404 (another agency's registers are not revealed). */
async function ownRegister(services: Services, principal: Principal, registerId: string): Promise<Register> {
  const register = await services.registers.get(registerId);
  if (!register || register.agencyId !== principal.agencyId) throw new NotFoundError(`Không tìm thấy sổ gốc ${registerId} của cơ quan.`);
  assertAgencyOfficial(principal, register.agencyId);
  return register;
}

/** The master registers of the official's agency, with their field declarations. */
export async function listRegisters(services: Services, principal: Principal): Promise<Register[]> {
  return principal.agencyId ? services.registers.listByAgency(principal.agencyId) : [];
}

/** Adds one entry: 409 when the number exists, 422 naming each invalid field. */
export async function addEntry(services: Services, principal: Principal, registerId: string, input: AddEntryInput): Promise<RegisterEntry> {
  const register = await ownRegister(services, principal, registerId);
  const noError = entryNoError(input.entryNo);
  const { data, errors } = validateEntryData(register, input.data);
  const all = [...(noError ? [noError] : []), ...errors];
  if (all.length || !data) {
    throw new ValidationError(`Mục trong sổ không hợp lệ — ${all.map((e) => e.message).join('; ')}`, { extra: { errors: all } });
  }
  const entry: RegisterEntry = { registerId, entryNo: input.entryNo, data };
  const { taken } = await services.registers.addEntries([entry], { createdAt: services.now().toISOString(), createdBy: principal.sub });
  if (taken.length) throw new ConflictError(`Số mục ${input.entryNo} đã có trong sổ ${register.title}.`);
  return entry;
}

/** One entry by number. */
export async function getEntry(services: Services, principal: Principal, registerId: string, entryNo: string): Promise<RegisterEntry> {
  await ownRegister(services, principal, registerId);
  const entry = await services.registers.entry(registerId, entryNo);
  if (!entry) throw new NotFoundError(`Không có mục số ${entryNo} trong sổ.`);
  return entry;
}

/** Entries matching a name or number (diacritics ignored). */
export async function searchEntries(services: Services, principal: Principal, registerId: string, query: SearchEntriesQuery) {
  await ownRegister(services, principal, registerId);
  return { items: await services.registers.search(registerId, query.q, query.limit) };
}

/** Imports a CSV: every valid line kept, every invalid one reported with its line and reason. */
export async function importEntries(services: Services, principal: Principal, registerId: string, csv: string): Promise<{ imported: number; rejected: CsvRejection[] }> {
  const register = await ownRegister(services, principal, registerId);
  const { entries, rejected } = parseEntriesCsv(register, csv);
  const lineOf = new Map(entries.map((e) => [e.entryNo, e.line]));
  const { added, taken } = await services.registers.addEntries(
    entries.map(({ line: _line, ...e }) => e),
    { createdAt: services.now().toISOString(), createdBy: principal.sub },
  );
  for (const t of taken) rejected.push({ line: lineOf.get(t.entryNo) ?? 0, error: `Số mục ${t.entryNo} đã có trong sổ.` });
  rejected.sort((a, b) => a.line - b.line);
  return { imported: added, rejected };
}
