import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { ENV, optionalEnv } from '../runtime/config';

/**
 * Time bound on each attempt of a call to AWS (or the emulators): a slow dependency fails, never
 * hangs. Short enough that a retry on a fresh connection still fits in the function's timeout
 * (10 s by default, 29 s at most: infra/functions.ts).
 */
const DYNAMODB_TIMEOUT_MS = 5_000;
const S3_TIMEOUT_MS = 10_000;

/**
 * Options of an SDK client's HTTP handler that bound every attempt. Since
 * @smithy/node-http-handler 4.x, `requestTimeout` alone only logs a warning: `throwOnRequestTimeout`
 * makes it an error (then retried up to `maxAttempts`), and `socketTimeout` bounds a stalled
 * response body, which `requestTimeout` no longer covers. Use it for every AWS client.
 */
export const boundedRequestHandler = (timeoutMs: number) => ({ requestTimeout: timeoutMs, throwOnRequestTimeout: true, socketTimeout: timeoutMs, connectionTimeout: 3_000 });

let raw: DynamoDBClient | undefined;
let doc: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;

/** The process-wide DynamoDB document client (pointed at DynamoDB Local when DYNAMODB_ENDPOINT is set). */
export function dynamoDocumentClient(): DynamoDBDocumentClient {
  doc ??= DynamoDBDocumentClient.from(dynamoClient(), { marshallOptions: { removeUndefinedValues: true } });
  return doc;
}

/** The process-wide low-level DynamoDB client (for libraries that marshal themselves). */
export function dynamoClient(): DynamoDBClient {
  if (!raw) {
    const endpoint = process.env[ENV.dynamoEndpoint];
    raw = new DynamoDBClient({
      region: optionalEnv(ENV.region, 'ap-southeast-1'),
      ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      requestHandler: boundedRequestHandler(DYNAMODB_TIMEOUT_MS),
      maxAttempts: 3,
    });
  }
  return raw;
}

/** The process-wide S3 client (pointed at s3rver when S3_ENDPOINT is set). */
export function s3Client(): S3Client {
  if (!s3) {
    const endpoint = process.env[ENV.s3Endpoint];
    s3 = new S3Client({
      region: optionalEnv(ENV.region, 'ap-southeast-1'),
      ...(endpoint
        ? {
            endpoint,
            forcePathStyle: true,
            credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
            // s3rver cannot read aws-chunked bodies (docs/architecture.md "The local stack").
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          }
        : {}),
      requestHandler: boundedRequestHandler(S3_TIMEOUT_MS),
      maxAttempts: 3,
    });
  }
  return s3;
}
