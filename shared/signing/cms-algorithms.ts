import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SignatureAlgorithm } from './signer';

/** Object identifiers used by the CMS we build (RFC 5652, RFC 5035, RFC 4055, RFC 5758). */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

/** SHA-256 with absent parameters, as RFC 5754 says to generate. */
export function sha256AlgorithmId(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
}

/** The SignerInfo signatureAlgorithm for a port algorithm (identifiers per SIGNING-NOTES.md). */
export function signatureAlgorithmId(algorithm: SignatureAlgorithm): pkijs.AlgorithmIdentifier {
  switch (algorithm) {
    case 'RSASSA_PKCS1_V1_5_SHA_256':
      return new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() });
    case 'RSASSA_PSS_SHA_256': {
      // RFC 4055 writes the hash identifiers inside PSS parameters with NULL parameters.
      const sha256 = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() });
      const params = new pkijs.RSASSAPSSParams({
        hashAlgorithm: sha256(),
        maskGenAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.mgf1, algorithmParams: sha256().toSchema() }),
        saltLength: 32,
      });
      return new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsassaPss, algorithmParams: params.toSchema() });
    }
    case 'ECDSA_SHA_256':
      return new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 });
  }
}
