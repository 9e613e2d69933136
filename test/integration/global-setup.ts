import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalStack, type LocalStack } from '../../infra/local/stack';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}

let stack: LocalStack | undefined;

/** Starts the local stack once for the whole integration run, on free ports, in a fresh DATA_DIR. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bansao-test-'));
  stack = await startLocalStack({ dataDir, port: 0, quiet: true });
  project.provide('baseUrl', stack.url);
  project.provide('dataDir', dataDir);
  project.provide('dynamoEndpoint', stack.dynamoEndpoint);
  project.provide('s3Endpoint', stack.s3Endpoint);
  return async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
