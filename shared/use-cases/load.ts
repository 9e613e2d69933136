import { NotFoundError } from '../domain/errors';
import type { DocumentRecord } from '../domain/document';
import type { RequestRecord } from '../domain/request';
import type { DocumentReader, RequestReader } from './ports';

/** The request, or a 404 in Vietnamese. */
export async function loadRequest(services: { requests: Pick<RequestReader, 'get'> }, id: string): Promise<RequestRecord> {
  const request = await services.requests.get(id);
  if (!request) throw new NotFoundError(`Không tìm thấy hồ sơ ${id}.`);
  return request;
}

/** The document, or a 404 in Vietnamese. */
export async function loadDocument(services: { documents: DocumentReader }, id: string): Promise<DocumentRecord> {
  const doc = await services.documents.get(id);
  if (!doc) throw new NotFoundError(`Không tìm thấy bản sao ${id}.`);
  return doc;
}
