import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PayloadTooLargeError } from '../domain/errors';

/**
 * S3 behind one small port. Large files never pass through a Lambda payload: uploads and
 * downloads use presigned URLs; only the functions that must read bytes (inspect, certify,
 * verify) fetch them, with a size bound checked before reading.
 */
export class ObjectStore {
  constructor(private readonly s3: S3Client) {}

  /**
   * A presigned PUT bound to one type and one length: `content-type` and `content-length` are
   * signed headers (X-Amz-SignedHeaders), so S3 answers 403 SignatureDoesNotMatch to a PUT of any
   * other length or type. The uploader must send exactly the returned headers (a browser sets
   * Content-Length itself, from the body).
   */
  async presignPut(bucket: string, key: string, file: { contentType: string; contentLength: number }, ttlSeconds: number): Promise<{ url: string; headers: Record<string, string> }> {
    const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: file.contentType, ContentLength: file.contentLength });
    // Since SDK 3.729 the flexible-checksum middleware adds the CRC32 of the (empty) body to a
    // presigned PUT, which S3 would then hold the real upload to: leave checksums to the uploader.
    type Next = (args: { request: unknown }) => Promise<unknown>;
    const dropChecksums = (next: Next) => async (args: { request: unknown }) => {
      const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
      for (const name of Object.keys(headers)) if (/^x-amz-(sdk-)?checksum-/i.test(name)) delete headers[name];
      return next(args);
    };
    command.middlewareStack.addRelativeTo(dropChecksums as never, { relation: 'after', toMiddleware: 'flexibleChecksumsMiddleware', name: 'dropPresignedChecksum' });
    const url = await getSignedUrl(this.s3, command, {
      expiresIn: ttlSeconds,
      // The presigner marks content-type unsignable; these two must stay signed request headers.
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    return { url, headers: { 'content-type': file.contentType, 'content-length': String(file.contentLength) } };
  }

  /**
   * Copies an object inside one bucket (server side, no bytes through the function). The copy is
   * a new object: later writes to `fromKey` do not change it.
   */
  async copy(bucket: string, fromKey: string, toKey: string): Promise<void> {
    const source = `${bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`;
    await this.s3.send(new CopyObjectCommand({ Bucket: bucket, Key: toKey, CopySource: source, MetadataDirective: 'COPY' }));
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
