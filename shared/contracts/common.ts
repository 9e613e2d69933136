import * as z from 'zod';
import { plainText } from '../domain/text';

/** Shapes every area of the API shares: problems, pages, identifiers in paths, timestamps, links. */

/** An ISO 8601 instant as the API writes it (not re-parsed: the stores hold what the code wrote). */
export const DateTime = z.string().meta({ format: 'date-time' });
/** A Vietnam calendar day, `YYYY-MM-DD`. */
export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải theo dạng YYYY-MM-DD').meta({ format: 'date' });
/** An absolute URL handed to the client (presigned S3 links, the page's public links). */
export const Url = z.string().meta({ format: 'uri' });

/** The sequence number in the year's book (Decree 23/2015 Art. 13(2)): "Số chứng thực 17". */
export const NumberField = z.number().int().positive().meta({ description: 'The sequence number in the year (Decree 23/2015 Art. 13(2)), printed as "Số chứng thực 17".', examples: [17] });
/** The book as on its cover: "quyển số 01/2026-SCT/BS". */
export const BookField = z.string().meta({
  description: 'The book as written on its cover, `{bookNo}/{year}-{bookCode}`, printed as "quyển số 01/2026-SCT/BS-ĐT" (Decree 23/2015 Art. 13(2)). Never joined to the number.',
  examples: ['01/2026-SCT/BS-ĐT'],
});

/** A path segment naming a stored thing; API Gateway guarantees presence, the bound keeps it sane. */
export const PathId = z.string().min(1).max(200);

export const ProblemSchema = z
  .looseObject({
    type: z.string().meta({ description: '`https://bansao.gov.vn/problems/{code}` for domain errors; `about:blank` for errors of the gateway, middleware or idempotency layer.' }),
    title: z.string().meta({ description: 'Short, Vietnamese, the same for every occurrence of the code.' }),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'Vietnamese, specific to this occurrence.' }),
    code: z.string().meta({
      description: 'Stable machine code.',
      examples: ['validation-failed', 'bad-request', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'payload-too-large', 'unsupported-media-type', 'original-unacceptable', 'idempotency-key-reused', 'idempotency-in-progress', 'http-401', 'http-405', 'http-413', 'http-429', 'internal-error'],
    }),
    instance: z.string().optional().meta({ description: 'The request path (absent on problems raised by the gateway).' }),
    errors: z
      .array(z.object({ field: z.string().meta({ description: 'Dotted path, or `(gốc)` for the body itself.' }), message: z.string() }))
      .optional()
      .meta({ description: 'On `validation-failed`, one item per wrong field.' }),
  })
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 problem details. Extension members (e.g. `fileName` for an unacceptable original, `action` for an illegal status move) may appear; they never override the standard ones.',
  });
export type Problem = z.infer<typeof ProblemSchema>;

/**
 * Free text a person types that is stored, shown or printed on a copy: cleaned by the one rule of
 * shared/domain/text.ts (no bidi or zero-width characters, NFC, one line, trimmed) before its
 * length is checked. `overwrite` keeps the type a string, so the JSON Schema stays a string.
 */
export const plainTextField = () => z.string().overwrite(plainText);

/** `limit` in a query string, with its default. */
export const limitParam = (fallback: number) => z.coerce.number().int().min(1).max(100).default(fallback);
/** The `nextCursor` of the previous page. */
export const CursorParam = z.string().max(2000).optional().meta({ description: 'The `nextCursor` of the previous page (opaque); a malformed one is a 400.' });

/** One page of a list; `nextCursor` is absent on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().optional().meta({ description: 'Opaque; pass as `cursor` for the next page. Absent on the last page.' }),
  });

/** `{items}`: a short list returned whole. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** Where and how to PUT a file: a presigned S3 URL and the headers it was signed with. */
export const uploadTicketShape = {
  uploadUrl: Url.meta({ description: 'Presigned S3 PUT.' }),
  uploadMethod: z.literal('PUT'),
  uploadHeaders: z.record(z.string(), z.string()).meta({
    description:
      'Headers the PUT must carry, exactly: `content-type` and `content-length` (the declared size). Both are signed into the URL; S3 answers 403 SignatureDoesNotMatch to any other length or type.',
  }),
  expiresAt: DateTime.meta({ description: 'Until when the URL accepts the PUT.' }),
};

/** A short-lived presigned GET. */
export const DownloadLinkSchema = z
  .object({ url: Url.meta({ description: 'Presigned GET, attachment `ban-sao-<number>-quyen-<book>.pdf`.' }), expiresAt: DateTime })
  .meta({ id: 'DownloadLink' });
export type DownloadLink = z.infer<typeof DownloadLinkSchema>;
