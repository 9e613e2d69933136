import { inject } from 'vitest';

/** A small client for the local gateway, as any HTTP caller would use it. */
export const baseUrl = () => inject('baseUrl');

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  /** The raw response bytes (text decoding drops a BOM; binary bodies need these). */
  bytes: Uint8Array;
}

/** Calls the API; JSON bodies are sent as JSON, Uint8Array as-is with the given content type. */
export async function api<T = any>(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; body?: Uint8Array | string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
    body = options.body as BodyInit;
  }
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let parsed: unknown = text;
  if (/json/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text, bytes };
}

const tokens = new Map<string, string>();

/** A dev user's token (cached per test file). */
export async function login(user: string): Promise<string> {
  let token = tokens.get(user);
  if (!token) {
    const res = await api<{ token: string }>('POST', '/api/dev/login', { json: { user } });
    if (res.status !== 200) throw new Error(`dev login ${user} failed: ${res.status} ${res.text}`);
    token = res.body.token;
    tokens.set(user, token);
  }
  return token;
}
