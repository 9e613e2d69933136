import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A JSON response. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** A non-JSON response (text, PEM, CSV, PDF as base64). */
export function raw(
  statusCode: number,
  body: string | Uint8Array,
  contentType: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  if (typeof body === 'string') {
    return { statusCode, headers: { 'content-type': contentType, ...headers }, body };
  }
  return {
    statusCode,
    headers: { 'content-type': contentType, ...headers },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  };
}

/** The response with `Cache-Control: no-store`, whatever the handler or a replay put there. */
export function noStore(res: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const headers = Object.fromEntries(Object.entries(res.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'cache-control'));
  return { ...res, headers: { ...headers, 'cache-control': 'no-store' } };
}
