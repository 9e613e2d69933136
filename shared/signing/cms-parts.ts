import {
  Asn1Error, OID, children, integerBytes, isContext, oid, parseSingle, rawBytes, readCertificate, sequence, spanAt, type Certificate, type Node,
} from '../asn1';
import { signingErrorFromAsn1 } from './errors';

/** What B-LT needs from a signature's CMS or a time-stamp token: the certificate chains it names. */
export interface CmsParts {
  /** The signer's (or the TSA's) certificate first, then its issuers as far as the CMS carries them. */
  chain: Certificate[];
  /** RFC 3161 tokens in id-aa-signatureTimeStampToken of the SignerInfo (PAdES B-T), as encoded. */
  timeStampTokens: Uint8Array[];
}

/**
 * Reads a ContentInfo(SignedData) (RFC 5652 §3, §5) — a signature's /Contents, zero padding
 * after the DER allowed, or an RFC 3161 token — down to the signer's chain and its signature
 * time-stamp tokens. The signer certificate is the one the first SignerInfo's sid names
 * (issuerAndSerialNumber or subjectKeyIdentifier); its issuers are found by Name.
 */
export function readCmsParts(contents: Uint8Array): CmsParts {
  try {
    const der = contents.subarray(0, spanAt(contents, 0).end);
    const contentInfo = sequence(parseSingle(der, 'the CMS'), 'ContentInfo');
    if (oid(contentInfo[0], 'ContentInfo.contentType') !== OID.signedData || !isContext(contentInfo[1], 0, true)) {
      throw new Asn1Error('unexpected-type', 'not a SignedData');
    }
    const signedData = sequence(children(contentInfo[1], 'ContentInfo.content')[0], 'SignedData');
    const certificates = signedData.filter((node) => isContext(node, 0, true))
      .flatMap((node) => children(node, 'SignedData.certificates'))
      .map((node) => readCertificate(rawBytes(node)));
    const signerInfo = sequence(children(signedData[signedData.length - 1], 'SignedData.signerInfos')[0], 'SignerInfo');
    const signer = certificates.find((certificate) => namedBy(signerInfo[1], certificate));
    const chain = signer ? chainOf(signer, certificates) : [];
    const unsigned = signerInfo.find((node, index) => index > 4 && isContext(node, 1, true));
    const timeStampTokens = unsigned
      ? children(unsigned, 'unsignedAttrs').flatMap((attribute) => {
        const [type, values] = sequence(attribute, 'Attribute');
        return oid(type, 'Attribute.type') === OID.signatureTimeStampToken ? children(values, 'Attribute.values').map((v) => rawBytes(v)) : [];
      })
      : [];
    return { chain, timeStampTokens };
  } catch (error) {
    if (error instanceof Asn1Error) throw signingErrorFromAsn1(error, 'timestamp', 'A signature of the PDF cannot be read');
    throw error;
  }
}

/** Whether a SignerIdentifier (RFC 5652 §5.3) names this certificate. */
function namedBy(sid: Node, certificate: Certificate): boolean {
  if (isContext(sid, 0)) {
    return certificate.subjectKeyId !== undefined && Buffer.from(rawBytes(sid)).subarray(2).equals(certificate.subjectKeyId);
  }
  const [issuer, serial] = sequence(sid, 'IssuerAndSerialNumber');
  return Buffer.from(rawBytes(issuer)).equals(certificate.issuerDer) && Buffer.from(integerBytes(serial, 'serialNumber')).equals(certificate.serial);
}

/** The certificate and its issuers among `pool`, up to a self-issued one or the first missing issuer. */
function chainOf(leaf: Certificate, pool: Certificate[]): Certificate[] {
  const chain = [leaf];
  for (let current = leaf; !current.issuerDer.equals(current.subjectDer) && chain.length <= pool.length;) {
    const issuer = pool.find((candidate) => candidate.subjectDer.equals(current.issuerDer) && !chain.includes(candidate));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}
