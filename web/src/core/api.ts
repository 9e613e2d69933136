import { t } from '../i18n';
import { clearSession, getSession } from './session';
import type { Problem } from './types';

/**
 * Calls the API under /api (same origin: the local gateway, or CloudFront → API Gateway in AWS).
 * Errors are RFC 9457 problem documents with a Vietnamese `detail`; ApiError carries it so the
 * screens can show it as it is.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** True when the route does not exist on this server (yet). */
  get missingRoute(): boolean {
    // The local gateway answers an unknown route with code http-404; API Gateway with a bare {message}.
    return this.status === 404 && (this.problem.code === 'http-404' || (!this.problem.code && !this.problem.detail));
  }
}

/** The message to show for any error thrown by a call. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail || error.problem.title || error.message;
  if (error instanceof TypeError) return t('common.networkError');
  return error instanceof Error ? error.message : String(error);
}

export interface CallOptions {
  json?: unknown;
  body?: Blob | string;
  contentType?: string;
  /** Send the bearer token when signed in (default true; public routes accept it to record a verifier). */
  auth?: boolean;
  signal?: AbortSignal;
}

let onUnauthorized: (() => void) | undefined;
/** What to do when a signed-in call is refused with 401 (the router sends the user to sign in). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const session = options.auth === false ? undefined : getSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
    body = options.body;
  }
  const res = await fetch(path, { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  const text = await res.text();
  let parsed: unknown;
  if (text && /json/i.test(res.headers.get('content-type') ?? '')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object' ? { status: res.status, ...(parsed as Partial<Problem>) } : { status: res.status, title: res.statusText, detail: text.slice(0, 300) || undefined };
    if (res.status === 401 && session) {
      clearSession();
      onUnauthorized?.();
      problem.detail = t('common.sessionExpired');
    }
    throw new ApiError(problem);
  }
  return (parsed ?? text) as T;
}

export const get = <T>(path: string, options?: CallOptions) => call<T>('GET', path, options);
export const post = <T>(path: string, json?: unknown, options?: CallOptions) => call<T>('POST', path, { ...options, json: json ?? {} });

/** Builds a query string from the defined values. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A protected file (e.g. the appointment slip PDF) fetched with the bearer token; `accept` picks a format a route offers (text/csv). */
export async function getBlob(path: string, accept?: string): Promise<Blob> {
  const session = getSession();
  const res = await fetch(path, { headers: { ...(session ? { authorization: `Bearer ${session.token}` } : {}), ...(accept ? { accept } : {}) } });
  if (!res.ok) {
    let problem: Problem = { status: res.status, title: res.statusText };
    try {
      problem = { status: res.status, ...((await res.json()) as Partial<Problem>) };
    } catch {
      // not JSON
    }
    throw new ApiError(problem);
  }
  return res.blob();
}

/** Offers a blob as a file download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
