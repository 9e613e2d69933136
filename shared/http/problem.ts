import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '../domain/errors';

/** Vietnamese titles for statuses raised outside our error family (e.g. by middy or the gateway). */
const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa xác thực',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  405: 'Phương thức không được hỗ trợ',
  409: 'Xung đột trạng thái',
  410: 'Không còn hiệu lực',
  413: 'Dữ liệu quá lớn',
  415: 'Định dạng không được hỗ trợ',
  422: 'Dữ liệu không hợp lệ',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
  503: 'Dịch vụ tạm thời không khả dụng',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  [extra: string]: unknown;
}

/** RFC 9457 problem document for an error; unknown errors become a generic 500 with no details. */
export function problemOf(error: unknown, instance?: string): Problem {
  if (error instanceof DomainError) {
    return {
      // Extension members first: they may never override the standard ones (RFC 9457 §3.2).
      ...(error.extra ?? {}),
      type: `https://bansao.gov.vn/problems/${error.code}`,
      title: error.title,
      status: error.status,
      detail: error.detail,
      code: error.code,
      ...(instance ? { instance } : {}),
    };
  }
  const status = 500;
  return {
    type: 'about:blank',
    title: TITLES[status],
    status,
    detail: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại sau.',
    code: 'internal-error',
    ...(instance ? { instance } : {}),
  };
}

/** A problem+json HTTP response. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
    body: JSON.stringify(problem),
  };
}

/** Vietnamese title for an HTTP status (for errors raised outside the domain). */
export const titleForStatus = (status: number): string => TITLES[status] ?? TITLES[status >= 500 ? 500 : 400];
