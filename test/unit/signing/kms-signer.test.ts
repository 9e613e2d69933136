import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KMSClient, SignCommand, type SignCommandInput, type SignCommandOutput } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevSigner, issueDevCertificate, type DevIdentity } from '../../../shared/signing/dev/dev-pki';
import { SigningError } from '../../../shared/signing/errors';
import { KmsSigner, type KmsSignClient } from '../../../shared/signing/kms-signer';
import { pemToDerList } from '../../../shared/asn1';
import { signPdf } from '../../../shared/signing/sign-pdf';
import type { SignatureAlgorithm } from '../../../shared/signing/signer';
import { buildPdf } from './support/pdf-fixtures';
import { AGENCY, OFFICIAL, createTestPki, type TestPki } from './support/test-pki';
import { createNssDb, pdfsig, qpdfCheck } from './support/tools';

const KEY_ID = 'arn:aws:kms:ap-southeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * A KMS that holds one key and answers SignCommand as AWS does for MessageType DIGEST: the
 * Message is the 32-byte digest, signed as is. It refuses anything else the way KMS would.
 */
function fakeKms(identity: DevIdentity, keySpec: 'RSA' | 'ECC') {
  const calls: SignCommandInput[] = [];
  const client: KmsSignClient = {
    async send(command: SignCommand): Promise<SignCommandOutput> {
      if (!(command instanceof SignCommand)) throw new Error('fake KMS only knows SignCommand');
      const input = command.input;
      calls.push(input);
      if (input.KeyId !== KEY_ID) throw Object.assign(new Error('key not found'), { name: 'NotFoundException' });
      const allowed = keySpec === 'RSA' ? ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256'] : ['ECDSA_SHA_256'];
      if (input.MessageType !== 'DIGEST' || input.Message?.length !== 32 || !allowed.includes(input.SigningAlgorithm!)) {
        throw Object.assign(new Error('invalid request'), { name: 'ValidationException' });
      }
      const key = createDevSigner(identity, input.SigningAlgorithm as SignatureAlgorithm);
      const signature = await key.signDigest(input.Message);
      return { KeyId: KEY_ID, Signature: signature, SigningAlgorithm: input.SigningAlgorithm, $metadata: {} };
    },
  };
  return { client, calls };
}

describe('Class: KmsSigner', () => {
  let env: TestPki;
  let nssDb: string;
  let ecIdentity: DevIdentity;
  let pdf: Uint8Array;

  beforeAll(async () => {
    env = await createTestPki();
    mkdirSync(join(env.dir, 'nss'));
    nssDb = createNssDb(join(env.dir, 'nss'), env.pki.rootCertPem);
    ecIdentity = await issueDevCertificate(env.pkiDir, { kind: 'organization', commonName: AGENCY.name, organization: AGENCY.name }, 'ECDSA-P256');
    pdf = await buildPdf({ pages: 2 });
  });
  afterAll(() => env.cleanup());

  it.each<[SignatureAlgorithm, 'RSA' | 'ECC']>([
    ['RSASSA_PKCS1_V1_5_SHA_256', 'RSA'],
    ['RSASSA_PSS_SHA_256', 'RSA'],
    ['ECDSA_SHA_256', 'ECC'],
  ])('signs a PDF with %s that pdfsig and qpdf accept, sending KMS only a digest', async (algorithm, keySpec) => {
    // Prepare
    const identity = keySpec === 'RSA' ? env.pki.officials[OFFICIAL.id] : ecIdentity;
    const kms = fakeKms(identity, keySpec);
    const signer = new KmsSigner({ client: kms.client, keyId: KEY_ID, algorithm, certificateChain: pemToDerList(identity.chainPem, 'CERTIFICATE') });

    // Act
    const signed = await signPdf(pdf, { signer, signingTime: new Date(), field: { name: 'kms', pageIndex: 1, rect: [50, 50, 250, 120] } });
    const file = join(env.dir, `${algorithm}.pdf`);
    writeFileSync(file, signed);

    // Assess
    const [signature] = pdfsig(file, nssDb);
    expect(signature.valid && signature.trusted && signature.totalDocumentSigned, signature.text).toBe(true);
    expect(qpdfCheck(file).status).toBe(0);
    expect(kms.calls).toHaveLength(1);
    expect(kms.calls[0]).toMatchObject({ KeyId: KEY_ID, MessageType: 'DIGEST', SigningAlgorithm: algorithm });
    expect(kms.calls[0].Message).toHaveLength(32);
  });

  it('accepts a real KMSClient as its client', () => {
    // Prepare
    const client = new KMSClient({ region: 'ap-southeast-1' });

    // Act
    const signer = new KmsSigner({ client, keyId: KEY_ID, algorithm: 'ECDSA_SHA_256', certificateChain: pemToDerList(ecIdentity.chainPem, 'CERTIFICATE') });

    // Assess
    expect(signer.algorithm).toBe('ECDSA_SHA_256');
    client.destroy();
  });

  it('turns a KMS failure into a signer-failed SigningError and produces no file', async () => {
    // Prepare
    const denied = Object.assign(new Error('User is not authorized to perform kms:Sign'), { name: 'AccessDeniedException' });
    const client: KmsSignClient = { send: () => Promise.reject(denied) };
    const signer = new KmsSigner({ client, keyId: KEY_ID, algorithm: 'ECDSA_SHA_256', certificateChain: pemToDerList(ecIdentity.chainPem, 'CERTIFICATE') });

    // Act
    const error = await signPdf(pdf, { signer, signingTime: new Date(), field: { name: 'kms', pageIndex: 1, rect: [50, 50, 250, 120] } })
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SigningError);
    expect((error as SigningError).code).toBe('signer-failed');
    expect((error as SigningError).message).toMatch(/AccessDeniedException/);
    expect((error as SigningError).cause).toBe(denied);
  });

  it('refuses a KMS key that does not belong to the configured certificate', async () => {
    // Prepare: the KMS key is the agency's, the chain the official's
    const kms = fakeKms(env.pki.agencies[AGENCY.id], 'RSA');
    const signer = new KmsSigner({
      client: kms.client, keyId: KEY_ID, algorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
      certificateChain: pemToDerList(env.pki.officials[OFFICIAL.id].chainPem, 'CERTIFICATE'),
    });

    // Act
    const error = await signPdf(pdf, { signer, signingTime: new Date(), field: { name: 'kms', pageIndex: 1, rect: [50, 50, 250, 120] } })
      .catch((e: unknown) => e);

    // Assess
    expect((error as SigningError).code).toBe('signer-failed');
    expect((error as SigningError).message).toMatch(/do not match/);
  });
});
