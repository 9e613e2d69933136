import type { UploadTicket } from './types';

/** Headers a browser sets itself and refuses from scripts. */
const FORBIDDEN = new Set(['content-length', 'host', 'connection', 'expect']);

export class UploadError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'UploadError';
  }
}

/**
 * PUTs a file straight to a presigned URL with XMLHttpRequest (fetch has no upload progress),
 * sending exactly the ticket's `uploadHeaders`: the signature covers them (content-type and
 * content-length — the browser sets the latter itself from the body, which is the declared size),
 * and the body is a type-less Blob so the browser adds no Content-Type of its own.
 */
export function uploadWithProgress(ticket: UploadTicket, file: Blob, onProgress: (loaded: number, total: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ticket.uploadMethod || 'PUT', ticket.uploadUrl);
    for (const [name, value] of Object.entries(ticket.uploadHeaders ?? {})) {
      if (!FORBIDDEN.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(file.size, file.size);
        resolve();
      } else reject(new UploadError(xhr.status, `HTTP ${xhr.status}`));
    });
    xhr.addEventListener('error', () => reject(new UploadError(0, 'network')));
    xhr.addEventListener('abort', () => reject(new UploadError(0, 'aborted')));
    xhr.send(file.slice(0, file.size, ''));
  });
}
