import { Signer as SignPdfSigner } from '@signpdf/utils';
import { createDetachedCms, type Timestamper } from '../../../../shared/signing/cms';
import type { Signer } from '../../../../shared/signing/signer';

/**
 * Adapts our Signer port to @signpdf/signpdf, which only accepts subclasses of its own Signer
 * (it checks instanceof) and hands over the joined byte ranges, not a hash. Tests only: signPdf
 * fills its placeholder itself (shared/signing/fill-signature.ts); the tests sign with @signpdf
 * through this to hold that fill to @signpdf's bytes and to forge revisions.
 */
export class PadesCmsSigner extends SignPdfSigner {
  constructor(private readonly signer: Signer, private readonly timestamper?: Timestamper) {
    super();
  }

  /** Returns the detached CMS over the signed bytes; the signing time lives in /M, not here. */
  override async sign(signedBytes: Buffer): Promise<Buffer> {
    const cms = await createDetachedCms({ signer: this.signer, content: signedBytes, timestamper: this.timestamper });
    return Buffer.from(cms.buffer, cms.byteOffset, cms.length);
  }
}
