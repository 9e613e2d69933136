/**
 * CORS of the originals bucket, one definition for AWS (infra/storage.ts) and the local s3rver
 * (infra/local/s3-local.ts), so that what the browser may do locally is what it may do in AWS.
 *
 * The page talks to the bucket only through presigned URLs: PUT to upload a scan, GET to show
 * the official the scan under review (a `fetch`, which needs `Access-Control-Allow-Origin` on the
 * answer — without GET here the viewer would fail in AWS). Only the site's own origin.
 */
export const BROWSER_CORS = {
  allowedMethods: ['GET', 'PUT'],
  allowedHeaders: ['content-type', 'content-length', 'content-md5', 'x-amz-*'],
  exposedHeaders: ['ETag'],
  maxAgeSeconds: 3000,
} as const;

/** The same rule as the S3 XML CORS document s3rver takes. */
export function corsXml(siteOrigin: string): string {
  const tag = (name: string, values: readonly string[]) => values.map((v) => `    <${name}>${v}</${name}>`).join('\n');
  return `<CORSConfiguration>
  <CORSRule>
${tag('AllowedOrigin', [siteOrigin])}
${tag('AllowedMethod', BROWSER_CORS.allowedMethods)}
${tag('AllowedHeader', BROWSER_CORS.allowedHeaders)}
${tag('ExposeHeader', BROWSER_CORS.exposedHeaders)}
    <MaxAgeSeconds>${BROWSER_CORS.maxAgeSeconds}</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;
}
