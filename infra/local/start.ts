/**
 * `npm start`: the whole service on this machine, no AWS account (README "Quick start"; docs/architecture.md).
 * DATA_DIR (default .data) keeps state between runs; PORT (default 3000) is where it answers.
 */
import { readFileSync } from 'node:fs';
import { startLocalStack } from './stack';
import { DEV_USERS } from './seed-data';

const dataDir = process.env.DATA_DIR || '.data';
const port = Number(process.env.PORT || 3000);

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Bản sao điện tử — starting the local stack (data in ${dataDir}) …`);
  const stack = await startLocalStack({ dataDir, port });
  const users = DEV_USERS.map((u) => `    ${u.user.padEnd(10)} ${u.role.padEnd(9)} ${u.name}${u.agencyId ? ` (${u.agencyId})` : ''}`);
  console.log(
    [
      '',
      `  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  Web page      ${stack.url}/`,
      `  API           ${stack.url}/api  (health: ${stack.url}/api/health)`,
      `  Verify        ${stack.url}/verify`,
      `  Trust list    ${stack.url}/api/trust-list   (DEV ONLY — NOT FOR PRODUCTION PKI)`,
      `  DynamoDB      ${stack.dynamoEndpoint}   S3 (s3rver) ${stack.s3Endpoint}`,
      `  TSA (RFC 3161) ${stack.tsaUrl}   (DEV ONLY)`,
      `  Seeded        ${stack.seeded.agencies} agencies, ${stack.seeded.users} users, ${stack.seeded.entries} register entries`,
      '  Dev users     POST /api/dev/login {"user": "<name>"} → {"token"}',
      ...users,
      '',
      '  Ctrl-C stops everything.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping …`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // `npm start` does not pass SIGTERM on to its script: if any launcher above us (npm, sh, tsx)
  // goes away, stop too, so that no Java process is left behind.
  const launchers = ancestors();
  setInterval(() => {
    if (launchers.some((pid) => !alive(pid))) void stop('launcher exited');
  }, 1000).unref();
}

/** Parent process ids up to (not including) init, from /proc (Linux); empty elsewhere. */
function ancestors(): number[] {
  const pids: number[] = [];
  let pid = process.ppid;
  while (pid > 1 && pids.length < 4) {
    pids.push(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  // Stop at the shell or terminal that ran npm: those outlive us by design.
  return pids.filter((p) => {
    try {
      return /node|npm|tsx|^sh$/.test(readFileSync(`/proc/${p}/comm`, 'utf8').trim());
    } catch {
      return false;
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
