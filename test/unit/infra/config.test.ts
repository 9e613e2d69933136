import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGNING_IDENTITIES, readDeployConfig } from '../../../infra/config';
import { SYNTH_TIMEOUT_MS, synthWithoutBundling } from './synth';

const fromContext = (ctx: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => readDeployConfig((k) => ctx[k], env);

describe('Function: readDeployConfig', () => {
  it('has working defaults and no environment without context or credentials', () => {
    const config = fromContext({});
    expect(config).toMatchObject({
      env: undefined,
      stackName: 'BanSao',
      issuedRetentionYears: 10,
      originalsExpireDays: 365,
      logRetentionDays: 365,
      signingIdentities: DEFAULT_SIGNING_IDENTITIES,
      ssmPrefix: '/bansao',
      cognitoFeaturePlan: 'plus',
      logLevel: 'INFO',
    });
    expect(config.trustListFile).toBeUndefined();
  });

  it('takes the environment from context first, then from the CDK CLI', () => {
    expect(fromContext({ account: '111111111111', region: 'ap-southeast-1' }).env).toEqual({ account: '111111111111', region: 'ap-southeast-1' });
    expect(fromContext({}, { CDK_DEFAULT_ACCOUNT: '222222222222', CDK_DEFAULT_REGION: 'ap-southeast-2' }).env).toEqual({
      account: '222222222222',
      region: 'ap-southeast-2',
    });
    expect(fromContext({}, { CDK_DEFAULT_REGION: 'ap-southeast-1' }).env).toBeUndefined();
  });

  it('reads JSON given on the command line (-c key=value arrives as a string)', () => {
    const config = fromContext({
      signingIdentities: '[{"id":"ubnd-phuong-ba-dinh","keySpec":"RSA_3072"}]',
      apiThrottle: '{"rateLimit":20,"burstLimit":40}',
      issuedRetentionYears: '12',
    });
    expect(config.signingIdentities).toEqual([{ id: 'ubnd-phuong-ba-dinh', keySpec: 'RSA_3072' }]);
    expect(config.apiThrottle).toEqual({ rateLimit: 20, burstLimit: 40 });
    expect(config.issuedRetentionYears).toBe(12);
  });

  it.each([
    [{ signingIdentities: [{ id: 'x', keySpec: 'ECC_NIST_P384' }] }, /keySpec/],
    [{ signingIdentities: [{ id: 'Bad Id', keySpec: 'RSA_3072' }] }, /id/],
    [{ signingIdentities: [{ id: 'a', keySpec: 'RSA_3072' }, { id: 'a', keySpec: 'RSA_2048' }] }, /repeated/],
    [{ domainName: 'bansao.example.gov.vn' }, /certificateArn/],
    [{ apiDomainName: 'api.bansao.example.gov.vn' }, /apiCertificateArn/],
    [{ issuedRetentionYears: 0 }, /issuedRetentionYears/],
    [{ logRetentionDays: 100 }, /logRetentionDays/],
    [{ holidays: ['2026-4-30'] }, /holidays/],
    [{ trustListFile: '/nonexistent/trust.pem' }, /trustListFile/],
    [{ cognitoFeaturePlan: 'lite' }, /cognitoFeaturePlan/],
    [{ cognitoDomainPrefix: 'BanSao' }, /cognitoDomainPrefix/],
    [{ cognitoDomainPrefix: 'bansao-aws-login' }, /cognitoDomainPrefix/],
  ])('refuses %j with a clear message', (ctx, message) => {
    expect(() => fromContext(ctx)).toThrow(message);
  });

  it('refuses a trust list without a PEM certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bansao-trust-'));
    writeFileSync(join(dir, 'empty.pem'), 'nothing here');
    expect(() => fromContext({ trustListFile: join(dir, 'empty.pem') })).toThrow(/no PEM certificate/);
  });
});

describe('Stack: configuration from context', () => {
  it('applies retention years, identities, environment and the trust list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bansao-trust-'));
    const pem = join(dir, 'trust.pem');
    writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const { stack, resources: all } = synthWithoutBundling({
      context: {
        account: '111111111111',
        region: 'ap-southeast-1',
        issuedRetentionYears: 20,
        signingIdentities: [{ id: 'ubnd-xa-tan-hung', keySpec: 'RSA_4096' }],
        trustListFile: pem,
      },
    });
    expect(stack.account).toBe('111111111111');
    expect(stack.region).toBe('ap-southeast-1');
    const resources: any[] = Object.values(all);
    const issued = resources.find((r) => r.Type === 'AWS::S3::Bucket' && r.Properties.ObjectLockEnabled);
    expect(issued.Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Years: 20 });
    expect(resources.filter((r) => r.Type === 'AWS::KMS::Key' && r.Properties.KeyUsage === 'SIGN_VERIFY').map((r) => r.Properties.KeySpec)).toEqual(['RSA_4096']);
    for (const fn of resources.filter((r) => r.Type === 'AWS::Lambda::Function')) {
      expect(fn.Properties.Environment.Variables.TRUST_LIST_FILE).toBe('/var/task/trust-list.pem');
    }
  }, SYNTH_TIMEOUT_MS);

  it('gives TSA_URL (and the policy) to the functions that sign only, and refuses a stack without a TSA', () => {
    // Prepare
    const tsaUrl = 'https://tsa.example.invalid/rfc3161';

    // Act
    const { resources } = synthWithoutBundling({ context: { tsaUrl, tsaPolicyOid: '1.2.3.4' } });
    const withoutTsa = () => synthWithoutBundling({ context: { tsaUrl: undefined } });

    // Assess
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    const urls = functions.map((fn) => fn.Properties.Environment.Variables.TSA_URL).filter(Boolean);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.length).toBeLessThan(functions.length);
    expect(new Set(urls)).toEqual(new Set([tsaUrl]));
    for (const fn of functions.filter((f) => f.Properties.Environment.Variables.TSA_URL)) {
      expect(fn.Properties.Environment.Variables.TSA_POLICY_OID).toBe('1.2.3.4');
    }
    expect(withoutTsa).toThrow(/CDK context "tsaUrl" is required/);
  }, SYNTH_TIMEOUT_MS);
});

describe('Function: readDeployConfig (time-stamp authority)', () => {
  it('takes an http(s) TSA URL without credentials, and a dotted policy OID', () => {
    expect(fromContext({ tsaUrl: 'https://tsa.example.invalid/tsa', tsaPolicyOid: '2.16.704.1' })).toMatchObject({ tsaUrl: 'https://tsa.example.invalid/tsa', tsaPolicyOid: '2.16.704.1' });
    expect(() => fromContext({ tsaUrl: 'ftp://tsa.example.invalid' })).toThrow(/http\(s\)/);
    expect(() => fromContext({ tsaUrl: 'https://user:secret@tsa.example.invalid' })).toThrow(/credentials/);
    expect(() => fromContext({ tsaPolicyOid: 'policy-1' })).toThrow(/dotted OID/);
  });
});
