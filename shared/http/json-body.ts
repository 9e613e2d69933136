import type middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../domain/errors';

/** application/json and the `+json` types. */
export const JSON_TYPE = /^application\/(.+\+)?json(\s*;.*)?$/i;
/** Guards JSON.parse against pathological nesting (a hostile-input case); real bodies are shallow. */
const MAX_DEPTH = 32;

/**
 * Parses a JSON body into `event.body`. Written here rather than @middy/http-json-body-parser
 * because that one answers malformed JSON with 415 and English text; callers deserve a 400 that
 * says what is wrong, in Vietnamese, and a bound on size and depth.
 */
export function jsonBody(options: { maxBytes: number }): middy.MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: async (request) => {
      const { headers, body, isBase64Encoded } = request.event;
      if (body === undefined || body === '') throw new BadRequestError('Thiếu nội dung JSON trong yêu cầu.');
      const contentType = headers?.['content-type'] ?? '';
      if (!JSON_TYPE.test(contentType)) {
        throw new UnsupportedMediaTypeError('Nội dung phải ở dạng JSON (Content-Type: application/json).');
      }
      const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
      if (Buffer.byteLength(text) > options.maxBytes) {
        throw new PayloadTooLargeError(`Nội dung JSON vượt quá ${options.maxBytes} byte.`);
      }
      if (nestingDepth(text) > MAX_DEPTH) {
        throw new BadRequestError(`JSON lồng nhau quá sâu (tối đa ${MAX_DEPTH} cấp).`);
      }
      try {
        (request.event as { body?: unknown }).body = JSON.parse(text);
      } catch {
        throw new BadRequestError('Nội dung JSON sai cú pháp.');
      }
    },
  };
}

/** Deepest bracket nesting outside strings; linear, no recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}
