import * as pkijs from 'pkijs';
import { sha256AlgorithmId as sha256Identifier, signatureAlgorithmId as signatureIdentifier } from '../../../../shared/signing/cms-algorithms';
import { compareDer } from '../../../../shared/asn1';
import type { SignatureAlgorithm } from '../../../../shared/signing/signer';

/**
 * Our algorithm identifiers and DER ordering as PKI.js objects, for tests that assemble their
 * own (deliberately non-conforming) CMS with PKI.js. Production code no longer uses PKI.js.
 */

/** SHA-256 with absent parameters, as a PKI.js AlgorithmIdentifier. */
export function sha256AlgorithmId(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ schema: sha256Identifier() });
}

/** The SignerInfo signatureAlgorithm our CMS uses for a port algorithm, as a PKI.js AlgorithmIdentifier. */
export function signatureAlgorithmId(algorithm: SignatureAlgorithm): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ schema: signatureIdentifier(algorithm) });
}

/** Orders SET OF elements by their DER encodings (X.690 §11.6). */
export function derSorted<T extends { toSchema(): { toBER(): ArrayBuffer } }>(items: T[]): T[] {
  const encoded = items.map((item) => ({ item, der: new Uint8Array(item.toSchema().toBER()) }));
  encoded.sort((a, b) => compareDer(a.der, b.der));
  return encoded.map(({ item }) => item);
}
