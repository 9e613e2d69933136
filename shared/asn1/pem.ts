import { Asn1Error } from './errors';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Decodes every PEM block with the given label (e.g. CERTIFICATE), in file order (RFC 7468 §2). */
export function pemToDerList(pem: string, label: string): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (const match of pem.matchAll(PEM_BLOCK)) {
    if (match[1] !== label) continue;
    const base64 = match[2].replace(/\s+/g, '');
    // Buffer.from silently skips invalid characters, so check before trusting the bytes.
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new Asn1Error('bad-pem', `A PEM ${label} block is not valid base64.`);
    blocks.push(new Uint8Array(Buffer.from(base64, 'base64')));
  }
  return blocks;
}

/** Encodes DER bytes as one PEM block with 64-character lines (RFC 7468 §2). */
export function derToPem(der: Uint8Array, label: string): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
