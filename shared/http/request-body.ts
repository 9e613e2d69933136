import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequestError, UnsupportedMediaTypeError } from '../domain/errors';
import type { RequestBody } from '../contracts/contract';
import { JSON_TYPE, jsonBody } from './json-body';

/**
 * Reads the body the route's contract declares into `event.body`: parsed JSON (jsonBody's
 * bounds and Vietnamese errors), or the raw bytes of a PDF / CSV. A contract that takes both
 * selects by Content-Type. Validation against the schema comes later (contract-check.ts), after
 * the idempotency layer has hashed the body as sent.
 */
export function requestBody(spec: RequestBody, maxBytes: number): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  const json = spec.json ? jsonBody({ maxBytes }) : undefined;
  return {
    before: async (request) => {
      const contentType = request.event.headers?.['content-type'] ?? '';
      if (json && (!spec.raw || JSON_TYPE.test(contentType))) return json.before!(request);
      const raw = spec.raw!;
      if (!raw.sniffed && !contentType.toLowerCase().startsWith(raw.media)) {
        throw new UnsupportedMediaTypeError(`Nội dung phải có dạng ${raw.media} (Content-Type: ${raw.media}${raw.media.startsWith('text/') ? '; charset=utf-8' : ''}).`);
      }
      const { body, isBase64Encoded } = request.event;
      if (!body) throw new BadRequestError(`Hãy gửi tệp trong nội dung yêu cầu (Content-Type: ${raw.media}).`);
      // A text body arrives decoded (UTF-8); a binary one the gateway did not base64 holds one byte per char.
      const encoding = isBase64Encoded ? 'base64' : raw.media.startsWith('text/') ? 'utf8' : 'latin1';
      (request.event as { body?: unknown }).body = Buffer.from(body, encoding);
    },
  };
}
