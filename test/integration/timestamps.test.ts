import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { derToPem, spanAt } from '../../shared/asn1';
import { baseUrl } from '../helpers/api';
import { certify, downloadPdf, submittedRequest } from '../helpers/flows';
import { nssDbTrusting, pdfsig, tempFile } from '../helpers/tools';

/** id-aa-signatureTimeStampToken (RFC 3161 Appendix A). */
const SIGNATURE_TIME_STAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
/** The dev TSA's policy (infra/local/dev-tsa.ts, docs/long-term-validation.md). */
const DEV_POLICY = '2.999.3161.1';

let rootPem: string;
let nssDir: string;

beforeAll(async () => {
  rootPem = await (await fetch(`${baseUrl()}/api/trust-list`)).text();
  nssDir = nssDbTrusting(rootPem);
});

interface StampedSignature {
  signatureValue: Buffer;
  token: Buffer;
  /** The certificates the token carries (TSA certificate and issuing CA), as PEM. */
  tokenChainPem: string;
}

/** Each signature's CMS from /Contents (zero padding cut), read with PKI.js rather than our own reader. */
/** id-ct-TSTInfo (RFC 3161 §2.4.2). */
const ID_CT_TST_INFO = '1.2.840.113549.1.9.16.1.4';

function stampedSignatures(pdf: Uint8Array): StampedSignature[] {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/\/Contents <([0-9a-fA-F]+)>/g)].flatMap((m) => {
    const padded = Buffer.from(m[1], 'hex');
    const cms = padded.subarray(0, spanAt(padded, 0).end);
    const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(cms).content });
    // The B-LTA document time-stamp is itself a token (its content is a TSTInfo), not a signature.
    if (signedData.encapContentInfo.eContentType === ID_CT_TST_INFO) return [];
    const signerInfo = signedData.signerInfos[0];
    const attribute = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === SIGNATURE_TIME_STAMP_TOKEN);
    if (!attribute) throw new Error('a signature without a signature time-stamp');
    const token = Buffer.from(attribute.values[0].toBER());
    const tokenData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(token).content });
    const tokenChainPem = (tokenData.certificates ?? []).map((c) => derToPem(new Uint8Array(c.toSchema().toBER()), 'CERTIFICATE')).join('');
    return [{ signatureValue: Buffer.from(signerInfo.signature.valueBlock.valueHexView), token, tokenChainPem }];
  });
}

function openssl(args: string[]): string {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`;
}

describe('PAdES B-T through the local stack (the dev RFC 3161 TSA)', () => {
  it('time-stamps both signatures of a certified copy with tokens that openssl verifies against the trust list', async () => {
    // Prepare
    const { id } = await submittedRequest({ pages: 1 });

    // Act
    const issued = await certify(id);
    const pdf = await downloadPdf(issued.documentId);

    // Assess
    const signatures = stampedSignatures(pdf);
    expect(signatures).toHaveLength(2);
    const roots = tempFile(rootPem, 'roots.pem');
    for (const signature of signatures) {
      const token = tempFile(signature.token, 'token.der');
      const digest = createHash('sha256').update(signature.signatureValue).digest('hex');
      const verified = openssl(['ts', '-verify', '-digest', digest, '-in', token, '-token_in', '-CAfile', roots, '-untrusted', tempFile(signature.tokenChainPem, 'tsa-chain.pem')]);
      expect(verified).toMatch(/Verification: OK/);
      const shown = openssl(['ts', '-reply', '-in', token, '-token_in', '-text']);
      expect(shown).toContain(`Policy OID: ${DEV_POLICY}`);
      expect(shown).toMatch(/Nonce: 0x[0-9A-F]+/);
      // A token over anything else than this signature value is refused.
      const other = createHash('sha256').update('another signature').digest('hex');
      expect(openssl(['ts', '-verify', '-digest', other, '-in', token, '-token_in', '-CAfile', roots, '-untrusted', tempFile(signature.tokenChainPem, 'tsa-chain.pem')])).not.toMatch(/Verification: OK/);
    }
    const report = pdfsig(tempFile(pdf), nssDir);
    expect(report.match(/Signature is Valid\./g)?.length).toBe(2);
    expect(report.match(/Certificate is Trusted\./g)?.length).toBe(2);
  });
});
