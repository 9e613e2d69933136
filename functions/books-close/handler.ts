import { httpHandler } from '../../shared/http/handler';
import { json } from '../../shared/http/responses';
import { getSigningServices } from '../../shared/runtime/signing-services';
import { closeBook } from '../../shared/use-cases/close-book';

/** POST /api/books/{id}/close — total, signed PDF of the book (201 {documentId, verifyCode, …}); the next book opens. */
export const handler = httpHandler('books-close', async ({ params, principal }) =>
  json(201, await closeBook(getSigningServices(), principal!, params.id)),
);
