/**
 * The one error family of the service. Every error a caller may see is a DomainError with a
 * stable `code`, the HTTP status it maps to and a Vietnamese `title`; the HTTP layer
 * (shared/http/problem.ts) is the only place that turns them into responses. Anything else that
 * is thrown becomes a generic 500 whose details go to the log only.
 */
export interface DomainErrorOptions extends ErrorOptions {
  /** Extra, non-personal facts for the caller (e.g. which field or file was wrong). */
  extra?: Record<string, unknown>;
  /** When the caller may try again (a 429 or 503): sent as `Retry-After`, in seconds. */
  retryAfterSeconds?: number;
}

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  /** Vietnamese, short, the same for every occurrence of this code. */
  readonly title: string;
  readonly extra?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  constructor(code: string, status: number, title: string, detail: string, options?: DomainErrorOptions) {
    super(detail, options);
    this.name = 'DomainError';
    this.code = code;
    this.status = status;
    this.title = title;
    this.extra = options?.extra;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** The Vietnamese detail shown to the caller. */
  get detail(): string {
    return this.message;
  }
}

export class ValidationError extends DomainError {
  constructor(detail: string, options?: DomainErrorOptions) {
    super('validation-failed', 422, 'Dữ liệu không hợp lệ', detail, options);
    this.name = 'ValidationError';
  }
}

export class BadRequestError extends DomainError {
  constructor(detail: string, options?: DomainErrorOptions) {
    super('bad-request', 400, 'Yêu cầu không hợp lệ', detail, options);
    this.name = 'BadRequestError';
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail = 'Cần đăng nhập bằng mã thông báo (token) hợp lệ.', options?: DomainErrorOptions) {
    super('unauthorized', 401, 'Chưa xác thực', detail, options);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'Bạn không có quyền thực hiện thao tác này.', options?: DomainErrorOptions) {
    super('forbidden', 403, 'Không có quyền', detail, options);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends DomainError {
  constructor(detail = 'Không tìm thấy tài nguyên được yêu cầu.', options?: DomainErrorOptions) {
    super('not-found', 404, 'Không tìm thấy', detail, options);
    this.name = 'NotFoundError';
  }
}

export class MethodNotAllowedError extends DomainError {
  constructor(detail: string, options?: DomainErrorOptions) {
    super('method-not-allowed', 405, 'Phương thức không được hỗ trợ', detail, options);
    this.name = 'MethodNotAllowedError';
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string, options?: DomainErrorOptions) {
    super('conflict', 409, 'Xung đột trạng thái', detail, options);
    this.name = 'ConflictError';
  }
}

/**
 * 410: the thing asked for existed and is void for good — a revoked copy reached through a share
 * link. Unlike a 404 it tells the holder that the copy they may already hold is no longer valid.
 */
export class GoneError extends DomainError {
  constructor(detail: string, options?: DomainErrorOptions) {
    super('gone', 410, 'Bản sao đã bị hủy', detail, options);
    this.name = 'GoneError';
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(detail: string, options?: DomainErrorOptions) {
    super('payload-too-large', 413, 'Dữ liệu quá lớn', detail, options);
    this.name = 'PayloadTooLargeError';
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(detail: string, options?: DomainErrorOptions) {
    super('unsupported-media-type', 415, 'Định dạng không được hỗ trợ', detail, options);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** An original (scan) that cannot be certified: names the file and the reason. */
export class OriginalRejectedError extends DomainError {
  constructor(detail: string, options?: DomainErrorOptions) {
    super('original-unacceptable', 422, 'Bản gốc tải lên không hợp lệ', detail, options);
    this.name = 'OriginalRejectedError';
  }
}

export class TooManyRequestsError extends DomainError {
  constructor(detail = 'Quá nhiều yêu cầu, vui lòng thử lại sau.', options?: DomainErrorOptions) {
    super('too-many-requests', 429, 'Quá nhiều yêu cầu', detail, options);
    this.name = 'TooManyRequestsError';
  }
}

/**
 * 503: a service the request depends on is out of reach for now (the time-stamp authority); nothing
 * was written, and the same request may be sent again later.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(code: string, detail: string, options?: DomainErrorOptions) {
    super(code, 503, 'Dịch vụ tạm thời không khả dụng', detail, options);
    this.name = 'ServiceUnavailableError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
