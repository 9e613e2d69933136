import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTH_TIMEOUT_MS, buildWithoutBundling, logicalId, synthWithoutBundling } from './synth';

/** cdk-nag v3 reports through CDK's validation framework; validateScope runs the same checks directly. */
function nagFindings(scope: IConstruct) {
  const report = new AwsSolutionsChecks(undefined, { verbose: false }).validateScope(scope);
  const list = (severity: string) =>
    report.violations
      .filter((v) => v.severity === severity)
      .map((v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
  return { errors: list('error'), warnings: list('warning') };
}

/** Every acknowledgment recorded in the tree: rule id → reason. */
function acknowledgments(scope: IConstruct): { path: string; id: string; reason: string }[] {
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason }))),
  );
}

describe('cdk-nag AwsSolutions', () => {
  describe('the default stack', () => {
    let built: ReturnType<typeof buildWithoutBundling>;
    beforeAll(() => {
      built = buildWithoutBundling({ outdir: mkdtempSync(join(tmpdir(), 'bansao-cdk-out-')) });
    }, SYNTH_TIMEOUT_MS);

    it('passes `cdk synth` validation (cdk-nag and CloudFormation schemas) without AWS credentials', () => {
      expect(() => built.app.synth()).not.toThrow();
    }, SYNTH_TIMEOUT_MS);

    it('has no unacknowledged error or warning', () => {
      expect(nagFindings(built.stack)).toEqual({ errors: [], warnings: [] });
    }, SYNTH_TIMEOUT_MS);

    it('gives every acknowledgment a reason specific to this service, on the resource it concerns', () => {
      const acks = acknowledgments(built.stack).filter((a) => a.id.includes('AwsSolutions-'));
      expect(acks.length).toBeGreaterThan(0);
      for (const a of acks) {
        expect(a.reason.length, `${a.id} @ ${a.path}`).toBeGreaterThanOrEqual(80);
        expect(a.reason, `${a.id} @ ${a.path}`).not.toMatch(/^(n\/?a|todo|not (needed|required)|ok)\b/i);
      }
      expect(acks.filter((a) => a.path === built.stack.node.path)).toEqual([]);
    });

    it('checks the nested stacks of the routes with the parent: each is clean, and none is acknowledged as a whole', () => {
      const nested = [...built.stack.routeStacks.values()];
      expect(nested.length).toBeGreaterThan(0);
      for (const stack of nested) {
        // The checks above run on the parent's subtree, which holds these stacks.
        expect(stack.node.scopes).toContain(built.stack);
        expect(nagFindings(stack), stack.node.path).toEqual({ errors: [], warnings: [] });
        expect(acknowledgments(stack).filter((a) => a.path === stack.node.path), stack.node.path).toEqual([]);
      }
    }, SYNTH_TIMEOUT_MS);
  });

  it('stays clean with a concrete environment: the service stack and its us-east-1 web ACL stack, no acknowledgment for WAF', () => {
    const built = buildWithoutBundling({
      outdir: mkdtempSync(join(tmpdir(), 'bansao-cdk-out-')),
      context: { account: '111111111111', region: 'ap-southeast-1' },
    });
    expect(built.waf).toBeDefined();
    expect(() => built.app.synth()).not.toThrow();
    expect(nagFindings(built.stack)).toEqual({ errors: [], warnings: [] });
    expect(nagFindings(built.waf!)).toEqual({ errors: [], warnings: [] });
    // The distribution has a real ACL now: CFR2 is satisfied, not acknowledged.
    expect(acknowledgments(built.stack).filter((a) => a.id.includes('CFR2'))).toEqual([]);
    expect(acknowledgments(built.waf!)).toEqual([]);
  }, SYNTH_TIMEOUT_MS);

  it('stays clean with the web page deployed, a custom domain, a WAF ACL and the Essentials plan', () => {
    const webDist = mkdtempSync(join(tmpdir(), 'bansao-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>t</title>');
    const { stack, template } = synthWithoutBundling({
      webDist,
      context: {
        domainName: 'bansao.example.gov.vn',
        certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
        webAclArn: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/bansao/00000000-0000-0000-0000-000000000000',
        cognitoFeaturePlan: 'essentials',
        cognitoDomainPrefix: 'bansao-test',
      },
    });
    expect(nagFindings(stack)).toEqual({ errors: [], warnings: [] });
    for (const a of acknowledgments(stack)) expect(a.reason.length, a.id).toBeGreaterThanOrEqual(80);
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    // The page and its config.json (hosted-UI domain and web client, filled in at deploy time).
    const resources = template.toJSON().Resources as Record<string, any>;
    const deployment = Object.values(resources).find((r) => r.Type === 'Custom::CDKBucketDeployment');
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    expect(Object.values(deployment.Properties.SourceMarkers[1])).toEqual(
      expect.arrayContaining([{ Ref: logicalId(stack.auth.domain) }, { Ref: logicalId(stack.auth.webClient) }]),
    );
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'bansao-test' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://bansao.example.gov.vn/auth/callback'],
      LogoutURLs: ['https://bansao.example.gov.vn/'],
    });
    const dist = Object.values(template.toJSON().Resources as Record<string, any>).find((r) => r.Type === 'AWS::CloudFront::Distribution');
    expect(dist.Properties.DistributionConfig).toMatchObject({
      Aliases: ['bansao.example.gov.vn'],
      ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      WebACLId: expect.stringContaining('webacl'),
    });
  }, SYNTH_TIMEOUT_MS);
});
