import { ConflictError } from '../domain/errors';

/**
 * A condition failure on the request means someone else moved it first. Its own module: the
 * use cases that share it would otherwise import each other (and, through submit-request.ts,
 * the PDF inspection their functions never run).
 */
export function rethrowMoved(e: unknown): never {
  if ((e as { name?: string }).name === 'ConditionFailedError') {
    throw new ConflictError('Hồ sơ vừa được người khác cập nhật; vui lòng tải lại và thử lại.', { cause: e });
  }
  throw e;
}
