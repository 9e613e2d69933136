import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes bytes to a temp file and returns its path. */
export function tempFile(bytes: Uint8Array | string, name = 'file.pdf'): string {
  const dir = mkdtempSync(join(tmpdir(), 'bansao-t-'));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** An NSS database trusting the given root PEM, for poppler's pdfsig. */
export function nssDbTrusting(rootPem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bansao-nss-'));
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'bansao-root', '-t', 'CT,C,C', '-i', tempFile(rootPem, 'root.pem')]);
  return dir;
}

/** pdfsig's text report (its exit code is 0 even for invalid signatures: read the text). */
export function pdfsig(pdfPath: string, nssDir: string): string {
  const r = spawnSync('pdfsig', ['-nssdir', `sql:${nssDir}`, pdfPath], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`;
}

/** `qpdf --check` exit status: 0 clean, 2 errors, 3 warnings. */
export function qpdfCheck(pdfPath: string): { status: number | null; output: string } {
  const r = spawnSync('qpdf', ['--check', pdfPath], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** The PDF's text as pdftotext extracts it (UTF-8). */
export function pdfText(pdfPath: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
}
