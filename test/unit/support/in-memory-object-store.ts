import { PayloadTooLargeError } from '../../../shared/domain/errors';
import type { FileStore } from '../../../shared/use-cases/ports';

/** A stored object: its bytes, type and metadata. */
export interface StoredObject {
  bytes: Uint8Array;
  contentType: string;
  metadata: Record<string, string>;
}

/** The object store in memory, with a hook to make a put fail (an S3 outage). */
export class InMemoryObjectStore implements FileStore {
  readonly objects = new Map<string, StoredObject>();
  beforePut?: (bucket: string, key: string) => void;

  async put(bucket: string, key: string, bytes: Uint8Array, contentType: string, metadata: Record<string, string> = {}): Promise<void> {
    this.beforePut?.(bucket, key);
    this.objects.set(`${bucket}/${key}`, { bytes: Uint8Array.from(bytes), contentType, metadata });
  }

  async getBytes(bucket: string, key: string, maxBytes: number): Promise<Uint8Array> {
    const found = this.objects.get(`${bucket}/${key}`);
    if (!found) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
    if (found.bytes.length > maxBytes) throw new PayloadTooLargeError(`Tệp vượt quá giới hạn ${maxBytes} byte.`);
    return found.bytes;
  }

  /** The keys stored in `bucket`. */
  keys(bucket: string): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(`${bucket}/`)).map((k) => k.slice(bucket.length + 1));
  }

  /** The object under `bucket/key`, if any. */
  get(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(`${bucket}/${key}`);
  }
}
