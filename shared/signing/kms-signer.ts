import { SignCommand, type SignCommandOutput } from '@aws-sdk/client-kms';
import { SigningError } from './errors';
import { SHA256_DIGEST_LENGTH, type SignatureAlgorithm, type Signer } from './signer';

/** The part of KMSClient this adapter uses; a real KMSClient fits, and so does a test fake. */
export interface KmsSignClient {
  send(command: SignCommand): Promise<SignCommandOutput>;
}

export interface KmsSignerOptions {
  client: KmsSignClient;
  /** Key id, alias or ARN of an asymmetric SIGN_VERIFY key. */
  keyId: string;
  /** DER certificates for the KMS key's public key, the signer's own first. */
  certificateChain: Uint8Array[];
  algorithm: SignatureAlgorithm;
}

/**
 * A Signer whose private key never leaves AWS KMS: it sends only the SHA-256 digest
 * (`MessageType: 'DIGEST'`). Our algorithm names are KMS's SigningAlgorithmSpec names, and KMS
 * already returns what CMS wants (PKCS#1 bytes, or DER SEQUENCE{r,s} for ECDSA).
 */
export class KmsSigner implements Signer {
  readonly certificateChain: Uint8Array[];
  readonly algorithm: SignatureAlgorithm;
  private readonly client: KmsSignClient;
  private readonly keyId: string;

  constructor(options: KmsSignerOptions) {
    if (!options.keyId) throw new SigningError('invalid-key', 'A KMS key id is required.');
    if (options.certificateChain.length === 0) throw new SigningError('invalid-key', 'The KMS signer needs its certificate chain.');
    this.client = options.client;
    this.keyId = options.keyId;
    this.certificateChain = options.certificateChain;
    this.algorithm = options.algorithm;
  }

  /** Asks KMS to sign a SHA-256 digest. */
  async signDigest(digest: Uint8Array): Promise<Uint8Array> {
    if (digest.length !== SHA256_DIGEST_LENGTH) throw new SigningError('signer-failed', 'Only SHA-256 digests (32 bytes) can be signed.');
    let output: SignCommandOutput;
    try {
      output = await this.client.send(new SignCommand({
        KeyId: this.keyId,
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: this.algorithm,
      }));
    } catch (error) {
      throw new SigningError('signer-failed', `KMS Sign failed for key ${this.keyId}: ${(error as Error)?.name ?? 'error'}`, { cause: error });
    }
    if (!output.Signature?.length) throw new SigningError('signer-failed', `KMS Sign returned no signature for key ${this.keyId}.`);
    return output.Signature;
  }
}
