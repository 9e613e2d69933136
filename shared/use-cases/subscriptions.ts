import type { z } from 'zod';
import type { DeliverySchema, SubscriptionCreateSchema, SubscriptionView } from '../contracts/subscriptions';
import { RevocationEventSchema } from '../contracts/subscriptions';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors';
import { CLIENT_ROLE, type Caller, type ClientPrincipal } from '../domain/roles';
import { MAX_SUBSCRIPTIONS_PER_AGENCY } from '../domain/webhook';
import { webhookSecretOf } from '../domain/webhook-signature';
import type { Services } from '../runtime/services';
import { SubscriptionLimitError, type DeliveryRecord, type SubscriptionRecord, type SubscriptionRepository } from '../store/subscription-repo';

/** The subscriptions' store, as the use cases need it (the DynamoDB repository, or an in-memory one in unit tests). */
export type SubscriptionStore = Pick<SubscriptionRepository, 'create' | 'get' | 'listByAgency' | 'remove' | 'deliveries'>;
export type SubscriptionServices = Pick<Services, 'now' | 'newId' | 'randomBytes'> & { subscriptions: SubscriptionStore };

/**
 * The SSRF rule with a resolver (shared/notify/webhook-sender.ts in the handler): throws a 422 in
 * Vietnamese unless the URL may receive events under this process's policy.
 */
export type TargetCheck = (url: string) => Promise<unknown>;

/** Only a receiving agency's system subscribes (the route admits only clients with scope `subscribe`); its agency owns what it creates. */
function assertClient(caller: Caller): ClientPrincipal {
  if (caller.role !== CLIENT_ROLE) throw new ForbiddenError('Chỉ hệ thống kết nối của cơ quan tiếp nhận mới đăng ký nhận sự kiện.');
  return caller;
}

const viewOf = ({ secret: _secret, ...s }: SubscriptionRecord): SubscriptionView => s;

/** The subscription of the caller's agency; another agency's is "not found" (its existence is not theirs to learn). */
async function owned(services: SubscriptionServices, caller: ClientPrincipal, id: string): Promise<SubscriptionRecord> {
  const sub = await services.subscriptions.get(id);
  if (!sub || sub.agencyId !== caller.agencyId) throw new NotFoundError('Không có đăng ký nhận sự kiện này.');
  return sub;
}

/** POST /api/subscriptions: the URL passes the SSRF rule now (and again at each delivery); the secret is answered once. */
export async function subscribe(services: SubscriptionServices, check: TargetCheck, caller: Caller, input: z.output<typeof SubscriptionCreateSchema>) {
  const client = assertClient(caller);
  await check(input.url);
  const record: SubscriptionRecord = {
    id: services.newId(),
    agencyId: client.agencyId,
    url: input.url,
    secret: webhookSecretOf(services.randomBytes(32)),
    createdAt: services.now().toISOString(),
    createdBy: client.sub,
  };
  try {
    await services.subscriptions.create(record, MAX_SUBSCRIPTIONS_PER_AGENCY);
  } catch (e) {
    if (e instanceof SubscriptionLimitError) {
      throw new ConflictError(`Mỗi cơ quan chỉ được đăng ký tối đa ${MAX_SUBSCRIPTIONS_PER_AGENCY} địa chỉ nhận sự kiện; hãy xóa một đăng ký cũ trước.`, { cause: e });
    }
    throw e;
  }
  return { id: record.id, url: record.url, secret: record.secret, createdAt: record.createdAt };
}

/** GET /api/subscriptions: the caller's agency's subscriptions, without their secrets. */
export async function listSubscriptions(services: SubscriptionServices, caller: Caller): Promise<{ items: SubscriptionView[] }> {
  const client = assertClient(caller);
  return { items: (await services.subscriptions.listByAgency(client.agencyId)).map(viewOf) };
}

/** DELETE /api/subscriptions/{id}: only a client of the same agency; deliveries still pending stop at their next attempt. */
export async function unsubscribe(services: SubscriptionServices, caller: Caller, id: string): Promise<SubscriptionView> {
  const client = assertClient(caller);
  const sub = await owned(services, client, id);
  if (!(await services.subscriptions.remove(id, client.agencyId))) throw new NotFoundError('Không có đăng ký nhận sự kiện này.');
  return viewOf(sub);
}

type DeliveryView = z.infer<typeof DeliverySchema>;
const deliveryView = ({ body, subscriptionId: _s, agencyId: _a, ...d }: DeliveryRecord): DeliveryView => ({ ...d, event: RevocationEventSchema.parse(JSON.parse(body)) });

/** GET /api/subscriptions/{id}/deliveries: what was sent, what is still retried, and the dead letters (`status=dead`). */
export async function listDeliveries(services: SubscriptionServices, caller: Caller, id: string, status?: DeliveryRecord['status']): Promise<{ items: DeliveryView[] }> {
  const client = assertClient(caller);
  await owned(services, client, id);
  return { items: (await services.subscriptions.deliveries(id, status)).map(deliveryView) };
}
