import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { DeployConfig } from './config';
import { acknowledgeBucketDeployment, suppress } from './nag';
import { FRAME_OPTIONS, HSTS_MAX_AGE_SECONDS, PERMISSIONS_POLICY, REFERRER_POLICY, awsConnectSources, contentSecurityPolicy } from './security-headers';

export interface WebProps {
  /** `<api-id>.execute-api.<region>.amazonaws.com`. */
  apiDomain: string;
  logBucket: s3.IBucket;
  /** The Cognito hosted-UI origin (`https://<prefix>.auth.<region>.amazoncognito.com`): the page POSTs to its /oauth2/token. */
  authOrigin: string;
  config: Pick<DeployConfig, 'domainName' | 'certificateArn' | 'webAclArn'>;
}

/** Client-side routes (/verify/ABC…) are served index.html; files (with an extension) as they are. */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * CloudFront in front of everything: the web page from a private bucket (origin access control)
 * and `/api/*` to the HTTP API (never cached, every viewer header but Host forwarded), with the
 * same security headers on both.
 */
export class Web extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly siteBucket: s3.Bucket;
  /** `https://<custom domain or distribution domain>`, no trailing slash. */
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { config } = props;

    this.siteBucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Public static assets, nothing personal: SSE-S3 avoids a KMS grant to CloudFront.
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      lifecycleRules: [{ id: 'expire-old-builds', noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 's3/site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // One definition with the local gateway (infra/security-headers.ts).
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Bản sao điện tử: HSTS, CSP, frame deny, nosniff, no-referrer',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS), includeSubdomains: true, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({ connect: awsConnectSources(stack.region, stack.urlSuffix, props.authOrigin), upgradeInsecureRequests: true }),
          override: true,
        },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption[FRAME_OPTIONS], override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: REFERRER_POLICY as cloudfront.HeadersReferrerPolicy, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true }],
      },
    });

    const customDomain = config.domainName && config.certificateArn;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Bản sao điện tử',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Includes the edge locations in Viet Nam.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(config.webAclArn ? { webAclId: config.webAclArn } : {}),
      ...(customDomain
        ? {
            domainNames: [config.domainName!],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', config.certificateArn!),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [
          {
            eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            function: new cloudfront.Function(this, 'SpaRewrite', {
              code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
              runtime: cloudfront.FunctionRuntime.JS_2_0,
              comment: 'Serve index.html for client-side routes',
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomain, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          // POST must not be redirected: HTTPS only.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // API Gateway routes on its own Host; Authorization and the rest pass through.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    this.publicBaseUrl = `https://${customDomain ? config.domainName : this.distribution.distributionDomainName}`;

    suppress(this.distribution, [
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: Vietnamese citizens abroad and foreign receiving agencies (embassies, universities, banks) must be able to open the verify page and download shared copies.',
      },
      ...(config.webAclArn
        ? []
        : [
            {
              id: 'AwsSolutions-CFR2',
              reason:
                'No web ACL only when the synth is environment-agnostic (offline, no account/region): the cross-region reference to the us-east-1 WAF stack (infra/waf.ts) needs concrete regions. A deployment with an account and region gets the WAF stack, or the ACL given as context webAclArn.',
            },
          ]),
      ...(customDomain
        ? []
        : [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'Without a custom domain the distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the viewer security policy; with context domainName/certificateArn the stack enforces TLSv1.2_2021.',
            },
          ]),
    ]);

  }

  /**
   * Uploads the built page (only when `<webDist>/index.html` exists at synth time) with a
   * `config.json` beside it: the page reads its sign-in settings from there at start. Called by
   * the stack once the Cognito client exists (its callback URL needs this distribution).
   */
  publishPage(webDist: string, siteConfig: Record<string, unknown>): void {
    const stack = Stack.of(this);
    if (existsSync(join(webDist, 'index.html'))) {
      new s3deploy.BucketDeployment(this, 'Deploy', {
        sources: [s3deploy.Source.asset(webDist), s3deploy.Source.jsonData('config.json', siteConfig)],
        destinationBucket: this.siteBucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
      acknowledgeBucketDeployment(stack, this.siteBucket);
    } else {
      Annotations.of(this).addInfo(
        `${webDist}/index.html not found at synth time: the web page is not deployed. Build it (vite build) and deploy again.`,
      );
    }
  }
}
