import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type middy from '@middy/core';
import { ENV, requireEnv } from '../runtime/config';
import { dynamoClient } from '../store/clients';

/** How long a create stays replayable under its Idempotency-Key. */
const REPLAY_WINDOW_SECONDS = 24 * 3600;

/**
 * `Idempotency-Key` on POSTs (Powertools idempotency with its DynamoDB persistence layer, in our
 * single table under PK `idempotency#<function>`). A key is scoped to the caller (`sub`), the
 * method and the path with its parameters, so one user's key never returns another's result and
 * the same key on `/documents/A/shares` and `/documents/B/shares` makes two links; requests
 * without the header are not idempotent. The body is part of the record: the same key with another
 * body is refused (IdempotencyValidationError → 422 in problem.ts); a POST without a body (submit,
 * cancel, certify, issue) is validated as an empty one.
 */
export function idempotency(fn: string): middy.MiddlewareObj {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: requireEnv(ENV.tableName),
    keyAttr: 'PK',
    sortKeyAttr: 'SK',
    staticPkValue: `idempotency#${fn}`,
    awsSdkV3Client: dynamoClient(),
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: `headers."idempotency-key" && join('|', [requestContext.authorizer.jwt.claims.sub || 'anonymous', requestContext.http.method, rawPath, headers."idempotency-key"])`,
    payloadValidationJmesPath: `body || ''`,
    throwOnNoIdempotencyKey: false,
    expiresAfterSeconds: REPLAY_WINDOW_SECONDS,
  });
  return makeHandlerIdempotent({ persistenceStore, config }) as middy.MiddlewareObj;
}
