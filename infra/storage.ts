import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BUCKETS, TABLE_KEYS } from '../shared/store/table';
import { BROWSER_CORS } from './browser-cors';
import type { DeployConfig } from './config';
import { suppress } from './nag';

export interface StorageProps {
  dataKey: kms.IKey;
  config: Pick<DeployConfig, 'issuedRetentionYears' | 'issuedTransitionDays' | 'originalsExpireDays' | 'accessLogExpireDays'>;
}

/** Baseline of every bucket: private, TLS 1.2+ only, retained when the stack goes. */
const PRIVATE_BUCKET = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  removalPolicy: RemovalPolicy.RETAIN,
} satisfies s3.BucketProps;

/**
 * The data of the service (docs/architecture.md, "One certification, end to end"): the single DynamoDB table, the originals bucket
 * (scans uploaded through presigned PUTs, short-lived), the issued bucket (signed copies, kept
 * immutable under Object Lock), and the bucket that receives S3 and CloudFront access logs.
 */
export class Storage extends Construct {
  readonly table: dynamodb.Table;
  readonly originals: s3.Bucket;
  readonly issued: s3.Bucket;
  readonly logs: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const { dataKey, config } = props;

    this.logs = new s3.Bucket(this, 'AccessLogs', {
      ...PRIVATE_BUCKET,
      // S3 server access logs only support SSE-S3 on the destination bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
      // CloudFront standard logging writes through ACLs, so ACLs stay enabled (owner-preferred).
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(config.accessLogExpireDays) }],
    });
    suppress(this.logs, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'This bucket is the access-log destination for the originals, issued and web buckets and CloudFront; logging it into itself would loop. Reads of it are covered by CloudTrail.',
      },
    ]);

    const kmsBucket = {
      ...PRIVATE_BUCKET,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: dataKey,
      // One KMS call per bucket key instead of per object: the KMS bill stays flat with volume.
      bucketKeyEnabled: true,
      versioned: true,
      serverAccessLogsBucket: this.logs,
    } satisfies s3.BucketProps;

    const { originals: origPrefix, submitted, verifyUploads } = BUCKETS.originals.prefixes;
    this.originals = new s3.Bucket(this, 'Originals', {
      ...kmsBucket,
      serverAccessLogsPrefix: 's3/originals/',
      lifecycleRules: [
        {
          id: 'expire-originals',
          prefix: origPrefix,
          expiration: Duration.days(config.originalsExpireDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
        {
          // The copies taken at submit (what the official reviews and certifies) live as long as
          // the uploads they were copied from.
          id: 'expire-submitted-originals',
          prefix: submitted,
          expiration: Duration.days(config.originalsExpireDays),
          noncurrentVersionExpiration: Duration.days(30),
        },
        {
          // Files dropped on the verify page live one day (POST /api/verify/uploads; docs/architecture.md, "One verification, end to end").
          id: 'expire-verify-uploads',
          prefix: verifyUploads,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      // Browser PUTs and GETs through presigned URLs; the CORS rule is added once the site's URL is known.
    });

    this.issued = new s3.Bucket(this, 'Issued', {
      ...kmsBucket,
      serverAccessLogsPrefix: 's3/issued/',
      objectLockEnabled: true,
      lifecycleRules: [
        ...(config.issuedTransitionDays > 0
          ? [
              {
                // Copies are read mostly in their first weeks; Glacier IR keeps millisecond reads
                // at a fraction of the Standard price for the rest of the retention.
                id: 'issued-to-glacier-ir',
                transitions: [
                  { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(config.issuedTransitionDays) },
                ],
              },
            ]
          : []),
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    // COMPLIANCE mode: no one, root included, can overwrite or delete a locked version before its
    // retention ends. Written in Years (CDK renders Days) so that leap days count as the law does.
    (this.issued.node.defaultChild as s3.CfnBucket).addPropertyOverride('ObjectLockConfiguration', {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: config.issuedRetentionYears } },
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: dataKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
      // The notification outbox leaves through the stream (infra/workers.ts), as in the local stack.
      stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    for (const index of TABLE_KEYS.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /** CORS for the browser's presigned PUTs (uploads) and GETs (the scan viewer), from the site's origin only. */
  allowBrowserUploads(siteOrigin: string): void {
    this.originals.addCorsRule({
      allowedOrigins: [siteOrigin],
      allowedMethods: BROWSER_CORS.allowedMethods.map((m) => s3.HttpMethods[m]),
      allowedHeaders: [...BROWSER_CORS.allowedHeaders],
      exposedHeaders: [...BROWSER_CORS.exposedHeaders],
      maxAge: BROWSER_CORS.maxAgeSeconds,
    });
  }
}
