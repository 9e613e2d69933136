import { X509Certificate, constants, createHash, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDevCertificate, type DevIdentity } from '../../../shared/signing/dev/dev-pki';
import { SigningError } from '../../../shared/signing/errors';
import { LocalKeySigner } from '../../../shared/signing/local-key-signer';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from './support/test-pki';

describe('Class: LocalKeySigner', () => {
  let env: TestPki;
  let ecIdentity: DevIdentity;
  const message = randomBytes(1000);
  const digest = createHash('sha256').update(message).digest();

  beforeAll(async () => {
    env = await createTestPki();
    ecIdentity = await issueDevCertificate(env.pkiDir, { kind: 'personal', commonName: 'Phạm Thị Dung', organization: OFFICIAL.agencyName }, 'ECDSA-P256');
  });
  afterAll(() => env.cleanup());

  const publicKeyOf = (identity: DevIdentity) => new X509Certificate(identity.certPem).publicKey;

  it('signs a digest with RSA PKCS#1 v1.5 by default, verifiable as a signature over the message', async () => {
    // Prepare
    const identity = env.pki.officials[OFFICIAL.id];
    const signer = new LocalKeySigner({ keyPem: identity.keyPem, chainPem: identity.chainPem });

    // Act
    const signature = await signer.signDigest(digest);

    // Assess
    expect(signer.algorithm).toBe('RSASSA_PKCS1_V1_5_SHA_256');
    expect(verify('sha256', message, publicKeyOf(identity), signature)).toBe(true);
  });

  it('signs a digest with RSA-PSS (SHA-256, MGF1-SHA-256, salt 32) when asked', async () => {
    // Prepare
    const identity = env.pki.officials[OFFICIAL.id];
    const signer = new LocalKeySigner({ keyPem: identity.keyPem, chainPem: identity.chainPem, algorithm: 'RSASSA_PSS_SHA_256' });

    // Act
    const [first, second] = [await signer.signDigest(digest), await signer.signDigest(digest)];

    // Assess
    const key = { key: publicKeyOf(identity), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', message, key, first)).toBe(true);
    expect(verify('sha256', message, key, second)).toBe(true);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false); // salted
  });

  it('signs a digest with ECDSA P-256 as a DER SEQUENCE{r,s}', async () => {
    // Prepare
    const signer = new LocalKeySigner({ keyPem: ecIdentity.keyPem, chainPem: ecIdentity.chainPem });

    // Act
    const signature = await signer.signDigest(digest);

    // Assess
    expect(signer.algorithm).toBe('ECDSA_SHA_256');
    expect(signature[0]).toBe(0x30);
    expect(verify('sha256', message, { key: publicKeyOf(ecIdentity), dsaEncoding: 'der' }, signature)).toBe(true);
  });

  it('exposes the chain as DER, the signer certificate first', () => {
    // Prepare
    const identity = env.pki.agencies[AGENCY.id];

    // Act
    const signer = new LocalKeySigner({ keyPem: identity.keyPem, chainPem: identity.chainPem });

    // Assess
    expect(signer.certificateChain).toHaveLength(2);
    expect(new X509Certificate(signer.certificateChain[0]).subject).toContain(`CN=${AGENCY.name}`);
    expect(new X509Certificate(signer.certificateChain[1]).subject).toContain('Issuing CA');
  });

  it.each([
    ['a key that does not belong to the first certificate', () => ({ keyPem: env.pki.agencies[AGENCY.id].keyPem, chainPem: env.pki.officials[OFFICIAL.id].chainPem }), /does not belong/],
    ['ECDSA requested for an RSA key', () => ({ ...env.pki.officials[OFFICIAL.id], algorithm: 'ECDSA_SHA_256' as const }), /cannot sign/],
    ['a P-384 key', () => ({
      keyPem: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      chainPem: ecIdentity.chainPem,
    }), /P-256/],
    ['a chain without certificate', () => ({ keyPem: ecIdentity.keyPem, chainPem: '' }), /no certificate/],
    ['an unreadable key', () => ({ keyPem: 'not a key', chainPem: ecIdentity.chainPem }), /cannot be read/],
  ])('refuses %s', (_, options, message) => {
    // Act / Assess
    expect(() => new LocalKeySigner(options())).toThrow(SigningError);
    expect(() => new LocalKeySigner(options())).toThrow(message);
  });

  it('refuses to sign anything but a 32-byte digest', async () => {
    // Prepare
    const signer = new LocalKeySigner({ keyPem: ecIdentity.keyPem, chainPem: ecIdentity.chainPem });

    // Act / Assess
    await expect(signer.signDigest(message)).rejects.toThrow(/32 bytes/);
  });
});
