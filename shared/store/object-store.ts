import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PayloadTooLargeError } from '../domain/errors';

/**
 * S3 behind one small port. Large files never pass through a Lambda payload: uploads and
 * downloads use presigned URLs; only the functions that must read bytes (inspect, certify,
 * verify) fetch them, with a size bound checked before reading.
 */
export class ObjectStore {
  constructor(private readonly s3: S3Client) {}

  /** A presigned PUT whose signed Content-Type the uploader must send. */
  async presignPut(bucket: string, key: string, contentType: string, ttlSeconds: number): Promise<{ url: string; headers: Record<string, string> }> {
    const url = await getSignedUrl(this.s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType }), {
      expiresIn: ttlSeconds,
      signableHeaders: new Set(['content-type']),
    });
    return { url, headers: { 'content-type': contentType } };
  }

  /** A presigned GET that downloads as `fileName`. */
  presignGet(bucket: string, key: string, ttlSeconds: number, fileName: string): Promise<string> {
    return this.presignGetAs(bucket, key, ttlSeconds, fileName, 'application/pdf', 'attachment');
  }

  /** A presigned GET with the given type and disposition (inline to view in the browser). */
  presignGetAs(bucket: string, key: string, ttlSeconds: number, fileName: string, contentType: string, disposition: 'inline' | 'attachment'): Promise<string> {
    const ascii = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'ban-sao.pdf';
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentType: contentType,
        ResponseContentDisposition: `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      }),
      { expiresIn: ttlSeconds },
    );
  }

  /** The object's size, or undefined when it does not exist. */
  async size(bucket: string, key: string): Promise<number | undefined> {
    try {
      const r = await this.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return r.ContentLength;
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404 || (e as { name?: string }).name === 'NotFound' || (e as { name?: string }).name === 'NoSuchKey') return undefined;
      throw e;
    }
  }

  /** The object's bytes, refusing (before reading) anything larger than `maxBytes`. */
  async getBytes(bucket: string, key: string, maxBytes: number): Promise<Uint8Array> {
    const r = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if ((r.ContentLength ?? 0) > maxBytes) {
      (r.Body as { destroy?: () => void } | undefined)?.destroy?.();
      throw new PayloadTooLargeError(`Tệp vượt quá giới hạn ${maxBytes} byte.`);
    }
    const bytes = await r.Body!.transformToByteArray();
    if (bytes.length > maxBytes) throw new PayloadTooLargeError(`Tệp vượt quá giới hạn ${maxBytes} byte.`);
    return bytes;
  }

  async put(bucket: string, key: string, bytes: Uint8Array, contentType: string, metadata: Record<string, string> = {}): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.length, Metadata: metadata }));
  }
}
