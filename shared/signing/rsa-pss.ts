import { createHash } from 'node:crypto';
import { SigningError } from './errors';

const HASH_LENGTH = 32;

/**
 * EMSA-PSS-ENCODE (RFC 8017 §9.1.1) with SHA-256, MGF1-SHA-256 and a 32-byte salt, from an
 * already computed digest. node:crypto only signs messages it hashes itself, so for a digest we
 * encode here and apply the raw RSA operation (RSA_NO_PADDING) to the result.
 */
export function emsaPssEncodeSha256(digest: Uint8Array, modulusBits: number, salt: Uint8Array): Buffer {
  const emBits = modulusBits - 1;
  const emLength = Math.ceil(emBits / 8);
  if (digest.length !== HASH_LENGTH || salt.length !== HASH_LENGTH || emLength < 2 * HASH_LENGTH + 2) {
    throw new SigningError('invalid-key', 'The RSA key is too small for PSS with SHA-256, or the digest is not SHA-256.');
  }
  const h = createHash('sha256').update(Buffer.alloc(8)).update(digest).update(salt).digest();
  const dbLength = emLength - HASH_LENGTH - 1;
  const db = Buffer.alloc(dbLength); // PS (zeros) || 0x01 || salt
  db[dbLength - HASH_LENGTH - 1] = 0x01;
  Buffer.from(salt).copy(db, dbLength - HASH_LENGTH);
  const mask = mgf1Sha256(h, dbLength);
  for (let i = 0; i < dbLength; i++) db[i] ^= mask[i];
  db[0] &= 0xff >>> (8 * emLength - emBits);
  const em = Buffer.concat([db, h, Buffer.from([0xbc])]);
  // RSA_NO_PADDING wants exactly the modulus length; EM is one byte shorter when bits ≡ 1 mod 8.
  const modulusLength = Math.ceil(modulusBits / 8);
  return Buffer.concat([Buffer.alloc(modulusLength - em.length), em]);
}

function mgf1Sha256(seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  const counter = Buffer.alloc(4);
  for (let i = 0; blocks.length * HASH_LENGTH < length; i++) {
    counter.writeUInt32BE(i);
    blocks.push(createHash('sha256').update(seed).update(counter).digest());
  }
  return Buffer.concat(blocks).subarray(0, length);
}
