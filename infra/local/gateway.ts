import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ORIGIN_HEADER } from '../../shared/http/origin-guard';
import { problemResponse, titleForStatus } from '../../shared/http/problem';
import { ENV } from '../../shared/runtime/config';
import { ROUTES, routeKey, type RouteDef } from '../../shared/contracts/routes';
import { admitsClients } from '../../shared/http/client-auth';
import type { DevAuth } from './dev-auth';
import { tokenResponse, type LocalClientStore } from './oauth-clients';
import { RateLimiter } from './rate-limiter';

const limiter = new RateLimiter();

/**
 * The local gateway: one Node HTTP server that does what API Gateway + CloudFront do in AWS.
 * It serves the API under /api from the one route table — matching the route, verifying the
 * bearer token (the JWT authorizer's job), building the same APIGatewayProxyEventV2 and calling
 * the real handler in process — and the web page under /.
 */
export interface GatewayOptions {
  port: number;
  auth: DevAuth;
  /** Largest request body accepted (API Gateway's limit is 10 MB). */
  maxBodyBytes: number;
  /** Folder of the built web page (web/dist) or its sources (web/). */
  webRoot: string;
  repoRoot: string;
  /**
   * The dev users the login screen lists, served as GET /dev-users.json (local stack only: the
   * list is never part of the built page, and in AWS nothing serves it).
   */
  devUsers?: unknown[];
  /**
   * Sent on every answer, page, assets and API alike, as CloudFront's response headers policy
   * does in AWS (infra/security-headers.ts builds both).
   */
  securityHeaders: Record<string, string>;
  /**
   * DEV ONLY: the dev CA's revocation data, served under PKI_PATH (the URL its certificates name,
   * RFC 5280 §4.2.1.13): a file name in, the DER out, undefined for none. In AWS nothing serves it:
   * the production CA publishes its own.
   */
  pki?: (file: string) => Promise<Uint8Array | undefined>;
  /** The local identity provider's machine clients: POST /oauth2/token serves their tokens, as Cognito's domain does in AWS. */
  clients?: LocalClientStore;
}

/** Where the local gateway serves the client-credentials grant (Cognito: `https://<domain>/oauth2/token`). */
export const TOKEN_PATH = '/oauth2/token';

/** Where the local gateway serves the dev CA's CRLs. */
export const PKI_PATH = '/pki/';

/** Where the local gateway serves the dev users for the login screen (web/src/core/dev-login.ts). */
export const DEV_USERS_PATH = '/dev-users.json';

interface CompiledRoute {
  route: RouteDef;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
});

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const handlers = new Map<string, Promise<Handler>>();

function loadHandler(repoRoot: string, fn: string): Promise<Handler> {
  let loaded = handlers.get(fn);
  if (!loaded) {
    const file = pathToFileURL(join(repoRoot, 'functions', fn, 'handler.ts')).href;
    loaded = import(file).then((m: { handler: Handler }) => m.handler);
    handlers.set(fn, loaded);
  }
  return loaded;
}

/** Starts the gateway; resolves once it listens. */
export function startGateway(options: GatewayOptions): Promise<Server> {
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(options.securityHeaders)) res.setHeader(name, value);
    handle(req, res, options).catch((error: unknown) => {
      console.error('gateway error', error);
      if (!res.headersSent) send(res, problem(500, 'Lỗi không mong muốn ở cổng API cục bộ.'));
      else res.destroy();
    });
  });
  // Requests are bounded in time: a slow client cannot hold a connection forever.
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen(server));
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: GatewayOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    await handleApi(req, res, url, options);
    return;
  }
  if (url.pathname === TOKEN_PATH && options.clients) {
    if (req.method !== 'POST') {
      req.resume();
      return send(res, problem(405, 'Điểm cấp token chỉ nhận POST.', { allow: 'POST' }));
    }
    let body: Buffer;
    try {
      body = await readBody(req, 64 * 1024);
    } catch {
      return send(res, problem(413, 'Yêu cầu cấp token quá lớn.'), true);
    }
    send(res, await tokenResponse({ authorization: req.headers.authorization, contentType: req.headers['content-type'], body: body.toString('utf8') }, options.clients, options.auth));
    return;
  }
  if (url.pathname === DEV_USERS_PATH && options.devUsers && req.method === 'GET') {
    req.resume();
    send(res, { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(options.devUsers) });
    return;
  }
  if (url.pathname.startsWith(PKI_PATH) && options.pki && req.method === 'GET') {
    req.resume();
    const der = await options.pki(url.pathname.slice(PKI_PATH.length));
    if (!der) return send(res, problem(404, `Không có tệp ${url.pathname}.`));
    // RFC 2585 §4.2: CRLs over HTTP are application/pkix-crl; no-cache, since a revocation changes it at once.
    res.writeHead(200, { 'content-type': 'application/pkix-crl', 'cache-control': 'no-cache', 'content-length': String(der.length) });
    res.end(Buffer.from(der));
    return;
  }
  serveStatic(req, res, url, options.webRoot);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, options: GatewayOptions): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const matches = compiled
    .map((c) => ({ c, m: c.pattern.exec(url.pathname) }))
    .filter((x): x is { c: CompiledRoute; m: RegExpExecArray } => x.m !== null);
  if (matches.length === 0) {
    req.resume();
    return send(res, problem(404, `Không có đường dẫn API ${url.pathname}.`));
  }
  const hit = matches.find((x) => x.c.route.method === method);
  if (!hit) {
    req.resume();
    const allow = [...new Set(matches.map((x) => x.c.route.method))].join(', ');
    return send(res, problem(405, `Đường dẫn ${url.pathname} không hỗ trợ phương thức ${method} (chỉ: ${allow}).`, { allow }));
  }
  const { route, names } = hit.c;

  let body: Buffer;
  try {
    body = await readBody(req, options.maxBodyBytes);
  } catch {
    return send(res, problem(413, `Nội dung yêu cầu vượt quá ${options.maxBodyBytes} byte.`), true);
  }

  // The JWT authorizer: protected routes need a valid bearer token; on public routes a valid
  // token is passed along (so a signed-in verifier is recorded) and an invalid one is ignored.
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  let claims: Record<string, unknown> | undefined;
  if (token) {
    try {
      claims = await options.auth.verify(token);
    } catch {
      claims = undefined;
    }
  }
  // Routes that admit machine clients have no authorizer in AWS either (infra/api.ts): the handler
  // verifies a client's access token itself, and a person's ID token again.
  if (route.access !== 'public' && !claims && !admitsClients(route.access)) {
    const detail = token ? 'Mã thông báo (token) không hợp lệ hoặc đã hết hạn.' : 'Thiếu mã thông báo (Authorization: Bearer …).';
    return send(res, problem(401, detail, { 'www-authenticate': 'Bearer' }));
  }

  if (route.rateLimitPerMinute) {
    const caller = typeof claims?.sub === 'string' ? `sub:${claims.sub}` : `ip:${req.socket.remoteAddress ?? ''}`;
    const wait = limiter.take(`${route.fn}|${caller}`, route.rateLimitPerMinute);
    if (wait > 0) {
      return send(res, problem(429, `Quá ${route.rateLimitPerMinute} yêu cầu mỗi phút cho thao tác này; vui lòng thử lại sau ${wait} giây.`, { 'retry-after': String(wait) }));
    }
  }

  let pathParameters: Record<string, string>;
  try {
    pathParameters = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(hit.m[i + 1])]));
  } catch {
    // Malformed percent-encoding (`%E0%A4%A`): API Gateway answers 400 too.
    return send(res, problem(400, `Đường dẫn ${url.pathname.slice(0, 200)} có mã hóa phần trăm (%) không hợp lệ.`));
  }
  const event = toEvent(req, url, route, pathParameters, body, claims);
  const handler = await loadHandler(options.repoRoot, route.fn);
  const result = await handler(event, lambdaContext(route.fn));
  send(res, result);
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  route: RouteDef,
  pathParameters: Record<string, string>,
  body: Buffer,
  claims: Record<string, unknown> | undefined,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  // As CloudFront does: the origin header is set on every API request, over any the client sent.
  const originVerify = process.env[ENV.originVerify];
  if (originVerify) headers[ORIGIN_HEADER] = originVerify;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const contentType = headers['content-type'] ?? '';
  const textual = /^(application\/(json|x-www-form-urlencoded|.*\+json)|text\/)/i.test(contentType);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    body: body.length === 0 ? undefined : textual ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: body.length > 0 && !textual,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: routeKey(route),
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
  } as APIGatewayProxyEventV2;
}

function lambdaContext(fn: string): Context {
  const started = Date.now();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, 30_000 - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * How much of an oversized body is still read (and dropped) before the 413 is sent: closing at
 * once would reset the connection while the client is still sending, and the client would see
 * a network error instead of the answer.
 */
const DRAIN_LIMIT = { bytes: 64 * 1024 * 1024, ms: 5_000 };

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const refuse = () => {
      tooLarge = true;
      chunks.length = 0;
      const timer = setTimeout(() => reject(new Error('too large')), DRAIN_LIMIT.ms);
      req.once('end', () => {
        clearTimeout(timer);
        reject(new Error('too large'));
      });
    };
    if (Number(req.headers['content-length'] ?? '0') > max) refuse();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) {
        if (size > DRAIN_LIMIT.bytes) reject(new Error('too large'));
        return;
      }
      if (size > max) {
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolveBody(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function problem(status: number, detail: string, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return problemResponse({ type: 'about:blank', title: titleForStatus(status), status, detail, code: `http-${status}` }, headers);
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, close = false): void {
  const headers: Record<string, string> = {};
  // The security headers set on arrival win over the handler's, as CloudFront's policy overrides the origin's.
  for (const [k, v] of Object.entries(result.headers ?? {})) if (!res.hasHeader(k)) headers[k.toLowerCase()] = String(v);
  const body =
    result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  headers['content-length'] = String(body.length);
  if (close) headers.connection = 'close';
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Static files of the web page; unknown paths get index.html (the page routes on the client). */
function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL, webRoot: string): void {
  req.resume();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, problem(405, 'Trang web chỉ hỗ trợ GET.', { allow: 'GET, HEAD' }));
    return;
  }
  const root = resolve(webRoot);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = '/';
  }
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) file = join(root, 'index.html');
  if (!existsSync(file) || statSync(file).isDirectory()) {
    const index = join(file, 'index.html');
    file = existsSync(index) ? index : join(root, 'index.html');
  }
  if (!existsSync(file)) {
    send(res, problem(404, 'Không tìm thấy trang.'));
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
