import * as z from 'zod';
import { MAX_WEBHOOK_URL_LENGTH } from '../domain/webhook-url';
import { contract } from './contract';
import { DateTime, PathId, listOf } from './common';

/**
 * Revocation webhooks (issue 21 item 5; docs/webhooks.md): a receiving agency's system subscribes
 * a URL and is told when a document that the agency verified is revoked.
 */

/** POST /api/subscriptions: where to POST the events; the SSRF rule runs in the use case (it resolves the host). */
export const SubscriptionCreateSchema = z
  .object({
    url: z
      .string({ error: 'Thiếu địa chỉ nhận sự kiện (url).' })
      .min(1, 'Thiếu địa chỉ nhận sự kiện (url).')
      .max(MAX_WEBHOOK_URL_LENGTH, `Địa chỉ nhận sự kiện dài quá ${MAX_WEBHOOK_URL_LENGTH} ký tự.`),
  })
  .strict()
  .meta({ id: 'SubscriptionCreate', examples: [{ url: 'https://api.nganhang.example/webhooks/ban-sao' }] });

export const SubscriptionSchema = z
  .object({
    id: z.string(),
    url: z.string().meta({ format: 'uri' }),
    agencyId: z.string(),
    createdAt: DateTime,
    createdBy: z.string().meta({ description: 'The client id of the system that subscribed.' }),
  })
  .meta({
    id: 'Subscription',
    examples: [{ id: '0f6c1d2e-5b7a-4c1e-9a53-2c9d8f3b7e10', url: 'https://api.nganhang.example/webhooks/ban-sao', agencyId: 'nh-vietcom-hoan-kiem', createdAt: '2026-03-02T03:00:00.000Z', createdBy: '4k1q9c2m7r5t8v0x3z6b' }],
  });
export type SubscriptionView = z.infer<typeof SubscriptionSchema>;

/** Answered once, at creation: the signing secret is never shown again. */
export const SubscriptionCreatedSchema = z
  .object({
    id: z.string(),
    url: z.string().meta({ format: 'uri' }),
    secret: z.string().meta({ description: 'The Standard Webhooks signing secret (`whsec_` + base64 key), shown only in this answer. See docs/webhooks.md for checking `webhook-signature`.' }),
    createdAt: DateTime,
  })
  .meta({
    id: 'SubscriptionCreated',
    examples: [{ id: '0f6c1d2e-5b7a-4c1e-9a53-2c9d8f3b7e10', url: 'https://api.nganhang.example/webhooks/ban-sao', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdAt: '2026-03-02T03:00:00.000Z' }],
  });

/** The body POSTed to a subscription when a document that the agency verified is revoked. */
export const RevocationEventSchema = z
  .object({
    id: z.string().meta({ description: 'The event id, also sent as the `webhook-id` header; a receiver de-duplicates on it.' }),
    type: z.literal('document.revoked'),
    occurredAt: DateTime.meta({ description: 'When the issuing agency revoked the document.' }),
    document: z.object({
      id: z.string(),
      verifyCode: z.string().meta({ description: 'The Mã kiểm tra printed on the copy, which the agency checked.' }),
      kind: z.string(),
      number: z.string().meta({ description: 'Number and book as printed on the copy.' }),
      title: z.string(),
      issuerAgencyId: z.string(),
      issuerName: z.string(),
    }),
    reason: z.string(),
  })
  .meta({
    id: 'RevocationEvent',
    examples: [
      {
        id: 'evt_5b0e6f4a-8c1d-4e2f-9a7b-3c6d1e0f2a4b',
        type: 'document.revoked',
        occurredAt: '2026-03-02T08:15:00.000Z',
        document: {
          id: '9d1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f',
          verifyCode: '7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE',
          kind: 'certified-copy',
          number: 'Số chứng thực 17, quyển số 01/2026-SCT/BS',
          title: 'Bằng tốt nghiệp đại học',
          issuerAgencyId: 'ubnd-phuong-ba-dinh',
          issuerName: 'UBND phường Ba Đình',
        },
        reason: 'Bản chính được xác định là giả mạo.',
      },
    ],
  });
export type RevocationEvent = z.infer<typeof RevocationEventSchema>;

/** One delivery of an event to a subscription, as its agency reads it (the dead letters among them). */
export const DeliverySchema = z
  .object({
    eventId: z.string(),
    status: z.enum(['pending', 'delivered', 'dead']).meta({ description: '`dead`: no 2xx within 24 h of the event; retries have stopped (a dead letter).' }),
    attempts: z.number().int(),
    occurredAt: DateTime,
    nextAttemptAt: DateTime.optional(),
    deliveredAt: DateTime.optional(),
    deadAt: DateTime.optional(),
    lastError: z.string().optional().meta({ description: 'The last failure: the HTTP status, a timeout, or the address refused by the SSRF rule.' }),
    event: RevocationEventSchema,
  })
  .meta({
    id: 'WebhookDelivery',
    examples: [
      {
        eventId: 'evt_5b0e6f4a-8c1d-4e2f-9a7b-3c6d1e0f2a4b',
        status: 'dead',
        attempts: 13,
        occurredAt: '2026-03-02T08:15:00.000Z',
        deadAt: '2026-03-03T08:15:00.000Z',
        lastError: 'HTTP 503',
        event: {
          id: 'evt_5b0e6f4a-8c1d-4e2f-9a7b-3c6d1e0f2a4b',
          type: 'document.revoked',
          occurredAt: '2026-03-02T08:15:00.000Z',
          document: { id: '9d1e2f3a-4b5c-4d6e-8f70-1a2b3c4d5e6f', verifyCode: '7K2M-Q9XD-3T8V-WN4B-H6RC-1PZE', kind: 'certified-copy', number: 'Số chứng thực 17, quyển số 01/2026-SCT/BS', title: 'Bằng tốt nghiệp đại học', issuerAgencyId: 'ubnd-phuong-ba-dinh', issuerName: 'UBND phường Ba Đình' },
          reason: 'Bản chính được xác định là giả mạo.',
        },
      },
    ],
  });

const SubscriptionParams = z.object({ id: PathId });
const DeliveriesQuery = z.object({ status: z.enum(['pending', 'delivered', 'dead']).optional() });

export const subscriptionContracts = {
  create: contract({ body: { json: SubscriptionCreateSchema }, responses: { 201: { json: SubscriptionCreatedSchema } }, errors: [400, 401, 403, 409, 422, 429] }),
  list: contract({ responses: { 200: { json: listOf(SubscriptionSchema) } }, errors: [401, 403] }),
  remove: contract({ params: SubscriptionParams, responses: { 200: { json: SubscriptionSchema } }, errors: [401, 403, 404] }),
  deliveries: contract({ params: SubscriptionParams, query: DeliveriesQuery, responses: { 200: { json: listOf(DeliverySchema) } }, errors: [401, 403, 404, 422] }),
};
