import type { AddEntryInput, ReadPurpose, SearchEntriesQuery } from '../contracts/registers';
import { actorOf } from '../domain/request';
import { transact } from '../store/transact';
import { loadRequest } from './load';
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

/**
 * Why the official reads: a request of their agency, or a written reason — 422 without either.
 * Returns the reason as the audit trail records it.
 */
async function readPurpose(services: Services, principal: Principal, purpose: ReadPurpose): Promise<string> {
  if (purpose.requestId) {
    const request = await loadRequest(services, purpose.requestId);
    assertAgencyOfficial(principal, request.agencyId);
    return `Xử lý hồ sơ ${request.id}${purpose.reason ? `: ${purpose.reason}` : ''}`;
  }
  if (purpose.reason) return purpose.reason;
  throw new ValidationError('Hãy cho biết lý do tra cứu sổ gốc (requestId của hồ sơ đang xử lý, hoặc reason).', {
    extra: { errors: [{ field: 'reason', message: 'bắt buộc khi không có requestId' }] },
  });
}

/** Records that an official read entries of a register, with who and why (in the register's audit trail). */
async function recordRead(services: Services, principal: Principal, registerId: string, reason: string, data: Record<string, unknown>): Promise<void> {
  await transact(services.db, [services.audit.appendItem(`REG#${registerId}`, { at: services.now().toISOString(), actor: actorOf(principal), action: 'read-entry', reason, data })]);
}

/** One entry by number; the read is audited with its purpose. */
export async function getEntry(services: Services, principal: Principal, registerId: string, entryNo: string, purpose: ReadPurpose = {}): Promise<RegisterEntry> {
  await ownRegister(services, principal, registerId);
  const reason = await readPurpose(services, principal, purpose);
  const entry = await services.registers.entry(registerId, entryNo);
  await recordRead(services, principal, registerId, reason, { entryNo, found: entry !== undefined, ...(purpose.requestId ? { requestId: purpose.requestId } : {}) });
  if (!entry) throw new NotFoundError(`Không có mục số ${entryNo} trong sổ.`);
  return entry;
}

/** Entries matching a name or number (diacritics ignored); the search is audited with its purpose and the entries it showed. */
export async function searchEntries(services: Services, principal: Principal, registerId: string, query: SearchEntriesQuery) {
  await ownRegister(services, principal, registerId);
  const reason = await readPurpose(services, principal, query);
  const items = await services.registers.search(registerId, query.q, query.limit);
  await recordRead(services, principal, registerId, reason, { entryNos: items.map((e) => e.entryNo), ...(query.requestId ? { requestId: query.requestId } : {}) });
  return { items };
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
