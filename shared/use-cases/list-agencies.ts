import type { Services } from '../runtime/services';
import { listAgencies } from '../store/directory-repo';

/** The agencies a citizen can file with, and the master registers each holds (public data). */
export async function agenciesWithRegisters(services: Services) {
  const agencies = await listAgencies(services.db, services.tableName);
  return Promise.all(
    agencies.map(async (a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      province: a.province,
      registers: a.kind === 'receiver' ? [] : (await services.registers.listByAgency(a.id)).map((r) => ({ id: r.id, title: r.title, type: r.type, feePerCopy: r.feePerCopy })),
    })),
  );
}
