import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import S3rver from 's3rver';
import { corsXml } from '../browser-cors';
import { freePort } from './free-port';

export interface RunningS3 {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts s3rver on a free port with files under `dir` and the given buckets created. Browsers
 * upload and read scans straight through presigned URLs, so the local buckets answer CORS with
 * the AWS rule (infra/browser-cors.ts), for the local site's origin only.
 */
export async function startS3Local(dir: string, buckets: string[], siteOrigin: string): Promise<RunningS3> {
  const directory = resolve(dir);
  mkdirSync(directory, { recursive: true });
  const port = await freePort();
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [corsXml(siteOrigin)] })),
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
    },
  };
}
