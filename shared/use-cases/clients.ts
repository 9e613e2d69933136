import * as z from 'zod';
import type { ClientCreateSchema, ClientSchema } from '../contracts/clients';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import { scopeName, type MachineClient } from '../domain/machine-client';
import type { Principal } from '../domain/roles';
import type { ClientIdentity } from '../runtime/client-identity';
import type { Services } from '../runtime/services';

type ClientView = z.infer<typeof ClientSchema>;
const viewOf = ({ createdBy: _by, ...c }: MachineClient): ClientView => c;

/**
 * Administrators of the service register receiving agencies' systems (a bank checking copies is
 * not an agency of this service's admins, so no agency match is asked); the agency must exist,
 * since its name is what citizens read in their documents' verification logs.
 */
function assertAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new ForbiddenError('Chỉ quản trị viên mới quản lý hệ thống kết nối của cơ quan tiếp nhận.');
}

async function agencyNamed(services: Pick<Services, 'directory'>, agencyId: string) {
  const agency = await services.directory.agency(agencyId);
  if (!agency) throw new NotFoundError(`Không có cơ quan "${agencyId}".`);
  return agency;
}

/** Registers the client with the identity provider, then records it; the secret leaves only in the answer. */
export async function registerClient(
  services: Pick<Services, 'directory' | 'machineClients' | 'now'>,
  identity: ClientIdentity,
  principal: Principal,
  input: z.output<typeof ClientCreateSchema>,
  tokenUrl: string,
) {
  assertAdmin(principal);
  const agency = await agencyNamed(services, input.agencyId);
  const scopes = [...new Set(input.scopes)];
  const { clientId, clientSecret } = await identity.register(`${agency.id}: ${input.name}`, scopes);
  await services.machineClients.put({
    clientId,
    agencyId: agency.id,
    agencyName: agency.name,
    name: input.name,
    scopes,
    status: 'active',
    createdAt: services.now().toISOString(),
    createdBy: principal.sub,
  });
  return { clientId, clientSecret, tokenUrl, scopes: scopes.map(scopeName) };
}

export async function listClients(services: Pick<Services, 'directory' | 'machineClients'>, principal: Principal, agencyId: string): Promise<{ items: ClientView[] }> {
  assertAdmin(principal);
  await agencyNamed(services, agencyId);
  return { items: (await services.machineClients.listByAgency(agencyId)).map(viewOf) };
}

/**
 * Disables at once: first the table (the handler stack refuses the client's still-unexpired
 * tokens from then on), then the identity provider deletes the client, so it gets no new token.
 * Sending it again after a failed deletion finishes the deletion (removal is idempotent).
 */
export async function disableClient(
  services: Pick<Services, 'machineClients' | 'now'>,
  identity: Pick<ClientIdentity, 'remove'>,
  principal: Principal,
  clientId: string,
): Promise<ClientView> {
  assertAdmin(principal);
  const client = await services.machineClients.get(clientId);
  if (!client) throw new NotFoundError('Không có hệ thống kết nối này.');
  if (client.status === 'active') await services.machineClients.disable(clientId, services.now().toISOString());
  await identity.remove(clientId);
  return viewOf((await services.machineClients.get(clientId))!);
}
