import * as z from 'zod';
import { contract } from './contract';
import { DateTime, listOf } from './common';
import { CitizenId, Role } from './requests';

/** The service around the procedures: health, agencies, the citizen's mailbox, the dev login. */

export const HealthSchema = z.object({ status: z.literal('ok') });

export const AgencySchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ examples: ['UBND phường Ba Đình'] }),
    kind: z.enum(['commune', 'school', 'receiver']),
    province: z.string().optional(),
    registers: z.array(z.object({ id: z.string(), title: z.string(), type: z.string(), feePerCopy: z.number().int() })),
  })
  .meta({ id: 'Agency' });
export type Agency = z.infer<typeof AgencySchema>;

export const NotificationSchema = z
  .object({
    at: DateTime,
    kind: z.enum(['issued', 'rejected', 'extended', 'revoked']),
    requestId: z.string(),
    message: z.string().meta({ description: 'Vietnamese.' }),
    delivery: z.enum(['pending', 'delivered']),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof NotificationSchema>;

/** Not strict: unknown members are ignored. The handler checks the name against the seeded users. */
export const DevLoginSchema = z.object({
  user: z.string().min(1).max(50).meta({ description: 'A seeded dev user (`DEV_USERS` in `infra/local/seed-data.ts`).', examples: ['citizen', 'official'] }),
});

export const DevLoginResultSchema = z
  .object({
    token: z.string().meta({ description: 'JWT (ES256, local issuer), 8 hours.' }),
    user: z.string(),
    role: Role,
    name: z.string(),
    agencyId: z.string().optional(),
    citizenId: CitizenId.optional(),
  })
  .meta({ id: 'DevLoginResult' });
export type LoginResult = z.infer<typeof DevLoginResultSchema>;

/** Not strict: unknown members are ignored. */
export const LtvRenewRunSchema = z.object({
  windowDays: z.number().int().min(1).max(3650).optional().meta({ description: 'Renew copies whose newest time-stamp certificate expires within this many days (default LTV_RENEW_WINDOW_DAYS, 90).' }),
});

export const LtvRenewReportSchema = z
  .object({
    renewed: z.array(z.object({ documentId: z.string(), s3Key: z.string() })),
    failed: z.array(z.object({ documentId: z.string(), reason: z.string() })),
  })
  .meta({ id: 'LtvRenewReport' });

/** The signer certificates the dev CA can revoke: an official's personal one, an agency's seal. */
export const DevIdentityKindSchema = z.enum(['official', 'agency']);

export const DevRevokeParams = z.object({
  identityKind: DevIdentityKindSchema.meta({ description: '`official`: the personal certificate of the official whose `sub` is `identityId`; `agency`: the seal of agency `identityId`.' }),
  identityId: z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Mã định danh chỉ gồm chữ, số, dấu chấm, gạch dưới, gạch ngang.'),
});

/** CRLReason values (RFC 5280 §5.3.1) the dev CA writes. Not strict: unknown members are ignored. */
export const DevRevokeSchema = z.object({
  reason: z.enum(['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation']).default('unspecified')
    .meta({ description: 'The CRL entry\'s reasonCode (RFC 5280 §5.3.1).' }),
});

export const DevRevokedCertificateSchema = z
  .object({
    identityKind: DevIdentityKindSchema,
    identityId: z.string(),
    serialNumber: z.string().meta({ description: 'Hex, lower case.' }),
    revokedAt: DateTime,
    reason: z.string(),
    crlUrl: z.string().optional().meta({ description: 'Where the CRL listing it is published (the certificate\'s CRL distribution point).' }),
  })
  .meta({ id: 'DevRevokedCertificate' });
export type DevRevokedCertificate = z.infer<typeof DevRevokedCertificateSchema>;

export const serviceContracts = {
  health: contract({ responses: { 200: { json: HealthSchema } }, errors: [] }),
  devLogin: contract({ body: { json: DevLoginSchema }, responses: { 200: { json: DevLoginResultSchema } }, errors: [400, 404, 413, 415, 422] }),
  devLtvRenew: contract({ body: { json: LtvRenewRunSchema }, responses: { 200: { json: LtvRenewReportSchema } }, errors: [400, 401, 403, 404, 413, 415, 422] }),
  devRevokeCertificate: contract({
    params: DevRevokeParams, body: { json: DevRevokeSchema }, responses: { 200: { json: DevRevokedCertificateSchema } }, errors: [400, 401, 403, 404, 413, 415, 422],
  }),
  agencies: contract({ responses: { 200: { json: z.array(AgencySchema) } }, errors: [] }),
  notifications: contract({ responses: { 200: { json: listOf(NotificationSchema) } }, errors: [401, 403] }),
};
