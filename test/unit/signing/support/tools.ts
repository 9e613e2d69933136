import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ToolResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs an external tool; a missing tool fails the test (CI installs them), it never skips it. */
export function runTool(command: string, args: string[]): ToolResult {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing
      ? `${command} is not installed; install poppler-utils, qpdf, libnss3-tools and openssl.`
      : `${command} could not run: ${result.error.message}`);
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Creates an NSS database in `dir` trusting `rootPem` for poppler's pdfsig (docs/signatures.md, "Checking a copy with independent tools"). */
export function createNssDb(dir: string, rootPem: string): string {
  const rootFile = join(dir, 'root.pem');
  writeFileSync(rootFile, rootPem);
  const nss = `sql:${dir}`;
  for (const args of [['-N', '-d', nss, '--empty-password'], ['-A', '-d', nss, '-n', 'dev-root', '-t', 'CT,C,C', '-i', rootFile]]) {
    const result = runTool('certutil', args);
    if (result.status !== 0) throw new Error(`certutil ${args[0]} failed: ${result.stderr}`);
  }
  return nss;
}

export interface PdfsigSignature {
  fieldName?: string;
  commonName?: string;
  signatureType?: string;
  valid: boolean;
  trusted: boolean;
  totalDocumentSigned: boolean;
  text: string;
}

/** Runs pdfsig and parses its report; its exit code is 0 even for invalid signatures. */
export function pdfsig(file: string, nssDb: string): PdfsigSignature[] {
  const result = runTool('pdfsig', ['-nssdir', nssDb, file]);
  if (result.status !== 0) throw new Error(`pdfsig failed (${result.status}): ${result.stderr}`);
  return result.stdout.split(/^Signature #\d+:$/m).slice(1).map((text) => ({
    fieldName: /Signature Field Name: (.*)$/m.exec(text)?.[1],
    commonName: /Signer Certificate Common Name: (.*)$/m.exec(text)?.[1],
    signatureType: /Signature Type: (.*)$/m.exec(text)?.[1],
    valid: /Signature Validation: Signature is Valid\./.test(text),
    trusted: /Certificate Validation: Certificate is Trusted\./.test(text),
    totalDocumentSigned: /^\s*- Total document signed$/m.test(text),
    text,
  }));
}

/** `qpdf --check`: 0 clean, 3 warnings, 2 errors. */
export function qpdfCheck(file: string): ToolResult {
  return runTool('qpdf', ['--check', file]);
}
