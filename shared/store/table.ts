import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single DynamoDB table — one definition for the CDK stack and the local stack.
 *
 * Key design (access pattern → keys):
 * | item                       | PK                              | SK                     | GSI1PK / GSI1SK                       | GSI2PK / GSI2SK                          |
 * |----------------------------|---------------------------------|------------------------|---------------------------------------|------------------------------------------|
 * | agency                     | AGY#{agencyId}                  | META                   | AGENCIES / {agencyId}                 |                                          |
 * | agency's signer record    | AGY#{agencyId}                  | SIGNER#{signerId}      |                                       |                                          |
 * | official's profile         | USER#{sub}                      | META                   |                                       |                                          |
 * | request                    | REQ#{id}                        | META                   | CIT#{citizenId} / {createdAt}#{id}    | AGY#{agencyId}#{status} / {dueAt|createdAt}#{id} |
 * | original of a request      | REQ#{id}                        | ORIG#{originalId}      |                                       |                                          |
 * | audit record               | REQ#{id} or DOC#{id}            | AUDIT#{at}#{rand}      |                                       |                                          |
 * | document (issued copy)     | DOC#{id}                        | META                   | CIT#{citizenId}#DOCS / {issuedAt}     | REVOKED / {revokedAt}#{id} (when revoked)|
 * | verify code → document     | CODE#{verifyCode}               | CODE                   |                                       |                                          |
 * | B-LTA renewal due (pointer)| LTVDUE#{YYYY-MM of notAfter}    | {notAfter}#{documentId}|                                       |                                          |
 * | verification log (signed-in) | DOC#{id}                      | VERIFY#{at}#{rand}     |                                       |                                          |
 * | anonymous checks per day   | DOC#{id}                        | VANON#{YYYY-MM-DD}     |                                       |                                          |
 * | share link (TTL)           | SHARE#{token}                   | SHARE                  | DOC#{documentId}#SHARES / {createdAt}#{shareId} |                                |
 * | counter per agency/book/yr | CTR#{agencyId}#{bookCode}#{yr}  | CTR                    |                                       |                                          |
 * | slip counter per agency/yr | SLIPCTR#{agencyId}#{yr}         | CTR                    |                                       |                                          |
 * | register line (sổ)         | BOOK#{agencyId}#{bookCode}#{yr} | SEQ#{seq, 9 digits}    |                                       |                                          |
 * | book of the year (quyển)   | VOL#{agencyId}#{bookCode}#{yr}  | VOL#{bookNo, 2 digits} |                                       |                                          |
 * | master register            | REG#{registerId}                | META                   | AGY#{agencyId}#REGS / {registerId}    |                                          |
 * | master register entry      | REG#{registerId}                | ENTRY#{entryNo}        |                                       |                                          |
 * | daily figures (counters)   | STAT#{agencyId} or STAT#ALL     | DAY#{YYYY-MM-DD}       |                                       |                                          |
 * | notification (outbox)      | NOTIF#{citizenId}               | {at}#{rand}            |                                       |                                          |
 * | webhook subscription       | SUB#{id}                        | META                   | AGY#{agencyId}#SUBS / {createdAt}#{id}|                                          |
 * | webhook delivery           | SUB#{subscriptionId}            | DLV#{eventId}          |                                       | WHDUE / {nextAttemptAt}#{subId}#{eventId} (while pending) |
 * | subscriptions per agency   | SUBCTR#{agencyId}               | CTR                    |                                       |                                          |
 * | revocation webhook event   | WHEVT#{eventId}                 | EVENT                  |                                       |                                          |
 * | item quota window (TTL)    | QUOTA#{role}#{sub}              | minute#{…} / day#{…}   |                                       |                                          |
 * | verification batch job (TTL) | BATCH#{jobId}                 | META                   |                                       |                                          |
 * | batch item + result (TTL)  | BATCH#{jobId}                   | ITEM#{index, 5 digits} |                                       |                                          |
 *
 * The counter item also carries the reservation of the book's next number while an issuance holds
 * it (`holder`, `leaseUntil`; shared/store/register-book-repo.ts).
 * The agency queue (GSI2) sorts by due time so the oldest due comes first; the citizen's list
 * (GSI1) sorts by creation time (read newest first). Items with a `ttl` (shares, verification
 * uploads) expire by DynamoDB TTL; code also checks expiry, since TTL deletion is lazy.
 * The report reads the daily counters (one Query per agency over a date range) and the queue
 * index for open requests past due — never a scan.
 */
export const TABLE_KEYS = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'ttl',
  indexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
} as const;

/** CreateTable input for the local stack, equivalent to the CDK definition in infra/. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttrs = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    // The notification outbox is delivered from the table's stream (functions/notify-outbox).
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    AttributeDefinitions: keyAttrs.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/** The two buckets (docs/architecture.md "Data"): scans uploaded by citizens, and the signed copies. */
export const BUCKETS = {
  originals: {
    logicalName: 'originals',
    // originals/: the citizens' presigned uploads; submitted/: the copies taken at submit, which the
    // official reviews and certifies (no URL writes there); verify-uploads/: files to verify.
    prefixes: { originals: 'originals/', submitted: 'submitted/', verifyUploads: 'verify-uploads/' },
  },
  // documents/: the signed copies; refusals/: the signed written refusals (Decree 23/2015 Art. 22).
  issued: { logicalName: 'issued', prefixes: { documents: 'documents/', refusals: 'refusals/' } },
} as const;

/** Where the signed refusal of a request is stored: one object per refusal document id. */
export const refusalKey = (requestId: string, documentId: string): string => `${BUCKETS.issued.prefixes.refusals}${requestId}/${documentId}.pdf`;
