/**
 * api_certify_p50_ms: POST /api/requests/{id}/certify end to end through the local gateway — JWT
 * check, the real requests-certify handler (middy stack), DynamoDB Local reads and the issuance
 * transaction, the originals read from s3rver, compose + two signatures, the PUT of the signed
 * copy to s3rver. The local stack is started in this process (temp DATA_DIR, free ports). First
 * N submitted requests are prepared through the API exactly as a citizen would (create, presigned
 * PUT of the two ~0.5 MB JPEG pages, submit) and the official records the check of the original; then only the certify calls are timed, one after
 * the other. The first 3 certify calls (handler import, signer keys) are warm-up, not timed.
 * Runs under tsx (the gateway imports functions/<fn>/handler.ts), so not in a bundled child.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '../../infra/local/stack';
import { loadFixtures } from '../lib/fixtures';
import { mark, percentile, round } from '../lib/stats';

const WARMUP = 3;

interface Reply {
  status: number;
  body: any;
  text: string;
}

export async function run(log: (line: string) => void = () => {}) {
  const timed = Number(process.env.BENCH_RUNS_API ?? 25);
  const fixtures = loadFixtures();
  const pages = fixtures.twoPageJpegs;
  const dataDir = mkdtempSync(join(tmpdir(), 'bansao-bench-stack-'));
  const startedAt = performance.now();
  const stack = await startLocalStack({ dataDir, port: 0, quiet: true });
  const stackStartMs = performance.now() - startedAt;
  try {
    const call = async (method: string, path: string, token?: string, json?: unknown): Promise<Reply> => {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (json !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${stack.url}${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
      const text = await res.text();
      return { status: res.status, text, body: /json/.test(res.headers.get('content-type') ?? '') && text ? JSON.parse(text) : text };
    };
    const expect = (reply: Reply, status: number, what: string) => {
      if (reply.status !== status) throw new Error(`${what}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
      return reply.body;
    };
    const login = async (user: string) => expect(await call('POST', '/api/dev/login', undefined, { user }), 200, `login ${user}`).token as string;
    const citizen = await login('citizen');
    const official = await login('official');

    const total = WARMUP + timed;
    const ids: string[] = [];
    const prepStart = performance.now();
    for (let i = 0; i < total; i++) {
      const request = expect(await call('POST', '/api/requests', citizen, {
        kind: 'certify-copy', agencyId: 'ubnd-phuong-ba-dinh', title: `Bằng tốt nghiệp THPT ${i + 1}`, copies: 1,
      }), 201, 'create request');
      for (const [index, bytes] of pages.entries()) {
        const upload = expect(await call('POST', `/api/requests/${request.id}/originals`, citizen, {
          fileName: `trang-${index + 1}.jpg`, contentType: 'image/jpeg', size: bytes.length,
        }), 201, 'original');
        const put = await fetch(upload.uploadUrl, { method: upload.uploadMethod, headers: upload.uploadHeaders, body: bytes as BodyInit });
        if (!put.ok) throw new Error(`upload: HTTP ${put.status} ${await put.text()}`);
      }
      expect(await call('POST', `/api/requests/${request.id}/submit`, citizen), 200, 'submit');
      // The official compares the paper original before certifying (Decree 45/2020 Art. 10(3)); not timed.
      expect(await call('POST', `/api/requests/${request.id}/original-check`, official, { method: 'presented-at-counter' }), 200, 'original check');
      ids.push(request.id);
    }
    log(`  api: stack up in ${(stackStartMs / 1000).toFixed(1)} s; ${total} requests submitted in ${((performance.now() - prepStart) / 1000).toFixed(1)} s`);

    const times: number[] = [];
    const cpuStart = process.cpuUsage();
    for (const [i, id] of ids.entries()) {
      if (i === WARMUP) mark('api certify');
      const start = performance.now();
      const issued = expect(await call('POST', `/api/requests/${id}/certify`, official), 201, 'certify');
      const ms = performance.now() - start;
      if (typeof issued.documentId !== 'string') throw new Error('certify: no documentId in the answer');
      if (i >= WARMUP) times.push(ms);
    }
    const cpu = process.cpuUsage(cpuStart);
    return {
      api_certify_p50_ms: round(percentile(times, 50)),
      api_certify_p90_ms: round(percentile(times, 90)),
      api_certify_max_ms: round(Math.max(...times)),
      api_certify_runs: times.length,
      // CPU of this process (gateway + handler + compose/sign + SDK clients + s3rver, which runs in-process too) per call, warm-up included.
      api_certify_cpu_ms_each: round((cpu.user + cpu.system) / 1000 / ids.length, 1),
      api_stack_start_ms: round(stackStartMs, 0),
    };
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
