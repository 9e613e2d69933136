import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clientPrincipalOf, type MachineClient } from '../domain/machine-client';
import { CLIENT_ROLE, type ClientPrincipal, type RouteAccess } from '../domain/roles';
import { verifyClientAccessToken } from '../runtime/client-identity';
import { ENV, requireEnv } from '../runtime/config';
import { dynamoDocumentClient } from '../store/clients';
import { MachineClientRepository } from '../store/machine-client-repo';

let repo: MachineClientRepository | undefined;
/** The table's record of a client (built here, not from the composition root, to keep every bundle that serves HTTP small). */
const registered = (clientId: string): Promise<MachineClient | undefined> => {
  repo ??= new MachineClientRepository(dynamoDocumentClient(), requireEnv(ENV.tableName));
  return repo.get(clientId);
};

/** Whether a route admits machine clients: such a route has no API Gateway authorizer (infra/api.ts). */
export const admitsClients = (access: RouteAccess): boolean => access !== 'public' && access.includes(CLIENT_ROLE);

/**
 * The machine client behind the bearer token, or undefined (a 401 for the route): the token is
 * verified against the identity provider's keys, then `client_id` must be a registered, active
 * client of the table — a deleted or disabled client's unexpired token is refused at once.
 */
export async function clientPrincipal(event: APIGatewayProxyEventV2, lookup: (clientId: string) => Promise<MachineClient | undefined> = registered): Promise<ClientPrincipal | undefined> {
  const token = /^Bearer\s+(.+)$/i.exec(event.headers?.authorization ?? '')?.[1]?.trim();
  if (!token) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = await verifyClientAccessToken(token);
  } catch {
    return undefined;
  }
  if (typeof claims.client_id !== 'string') return undefined;
  return clientPrincipalOf(claims, await lookup(claims.client_id));
}
