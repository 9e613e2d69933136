import type * as z from 'zod';

/**
 * What a route accepts and answers, as data (swarmion's "contracts"): the handler stack validates
 * requests and responses against it, `npm run openapi` writes openapi.yaml from it, and the web
 * page takes its types from the same schemas. Pure zod: the browser may import these modules.
 */

/** A body that is not JSON: its media type, and whether the bytes rather than the header decide. */
export interface MediaBody {
  media: 'application/pdf' | 'text/csv';
  /**
   * The Content-Type header is not checked: the use case judges the bytes by their magic number
   * (a PDF sent as application/octet-stream is still verified; a JPEG sent as application/pdf is
   * still refused).
   */
  sniffed?: boolean;
}

export interface RequestBody {
  /** A JSON body (Content-Type application/json or *+json) and its schema. */
  json?: z.ZodType;
  /** A raw body handed over as bytes; with `json` too, a JSON Content-Type selects the JSON form. */
  raw?: MediaBody;
}

/** One success response: a JSON schema, and/or other media types served as they are. */
export interface SuccessResponse {
  json?: z.ZodType;
  media?: readonly string[];
}

/** The problem+json statuses a route may answer (beyond 500, which any route may). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

export interface RouteContract {
  /** Path parameters (an object with one member per `{name}`); a mismatch is a 404. */
  params?: z.ZodType;
  /** Query string parameters (strings, coerced by the schema); a mismatch is a 422. */
  query?: z.ZodType;
  body?: RequestBody;
  /** Status → success response. */
  responses: Readonly<Record<number, SuccessResponse>>;
  errors: readonly ErrorStatus[];
}

/** Declares a contract keeping its exact schema types (the handlers' types come from them). */
export const contract = <const C extends RouteContract>(c: C): C => c;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The validated path parameters of a contract. */
export type ParamsOf<C extends RouteContract> = Out<C['params']>;
/** The validated query of a contract. */
export type QueryOf<C extends RouteContract> = Out<C['query']>;
/** The validated body: the JSON schema's output, the raw bytes, or either. */
export type BodyOf<C extends RouteContract> = C['body'] extends RequestBody
  ? (C['body']['json'] extends z.ZodType ? z.output<C['body']['json']> : never) | (C['body']['raw'] extends MediaBody ? Uint8Array : never)
  : undefined;
