import { deflateSync } from 'node:zlib';

export interface XrefStreamPdfOptions {
  /** Put the catalog, page tree and page into an object stream (object 4). */
  objectStreams?: boolean;
  /** Field widths of the rows. */
  widths?: [number, number, number];
  /** Deflate the xref stream, with PNG Up predictor rows when `predictor` is set. */
  compress?: boolean;
  predictor?: boolean;
  /** Write /Index as two subsections instead of the default [0 Size]. */
  subsections?: boolean;
  /** A classic table whose trailer points at the stream through /XRefStm (§7.5.8.4). */
  hybrid?: boolean;
  /** Extra or overriding entries of the xref stream dictionary (written last, so a repeat is refused). */
  xrefDict?: (defaults: Record<string, string>) => Record<string, string>;
  /** Replaces the (encoded) xref stream data. */
  data?: (encoded: Buffer) => Buffer;
  /** Rewrites rows (object number → [type, field 2, field 3]) before they are encoded. */
  rows?: (rows: Map<number, [number, number, number]>) => void;
  /** Replaces the object stream's dictionary entries. */
  objStmDict?: (defaults: Record<string, string>) => Record<string, string>;
}

const BODIES: Record<number, string> = {
  1: '<< /Type /Catalog /Pages 2 0 R >>',
  2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  3: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 6 0 R >>',
};

const dictText = (entries: Record<string, string>) => `<< ${Object.entries(entries).map(([k, v]) => `/${k} ${v}`).join(' ')} >>`;

/**
 * Writes a one-page PDF whose cross-reference section is a stream, by hand, so tests control
 * every field: widths, predictor, subsections, object streams, the hybrid form, hostile values.
 */
export function xrefStreamPdf(options: XrefStreamPdfOptions = {}): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const push = (text: string | Buffer) => {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    parts.push(bytes);
    length += bytes.length;
  };
  const offsets = new Map<number, number>();
  const rows = new Map<number, [number, number, number]>();
  const object = (num: number, body: string | Buffer) => {
    offsets.set(num, length);
    rows.set(num, [1, length, 0]);
    push(`${num} 0 obj\n`);
    push(body);
    push('\nendobj\n');
  };
  const content = 'BT /F1 12 Tf 20 100 Td (xref stream) Tj ET';
  object(6, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  if (options.objectStreams) {
    const bodies = [1, 2, 3].map((n) => BODIES[n]);
    let header = '';
    let offset = 0;
    bodies.forEach((body, i) => {
      header += `${i + 1} ${offset} `;
      offset += body.length + 1;
    });
    const data = `${header}\n${bodies.join('\n')}\n`;
    const dict = { Type: '/ObjStm', N: '3', First: String(header.length + 1), Length: String(data.length) };
    object(4, `${dictText(options.objStmDict?.(dict) ?? dict)}\nstream\n${data}\nendstream`);
    [1, 2, 3].forEach((num, i) => rows.set(num, [2, 4, i]));
  } else {
    for (const num of [1, 2, 3]) object(num, BODIES[num]);
  }
  rows.set(0, [0, 0, 65535]);
  const xrefNum = 5;
  const xrefOffset = length;
  rows.set(xrefNum, [1, xrefOffset, 0]);
  if (!options.objectStreams) rows.set(4, [0, 0, 0]);

  options.rows?.(rows);
  const widths = options.widths ?? [1, 4, 2];
  const size = 7;
  const listed = options.hybrid ? [1, 2, 3] : [0, 1, 2, 3, 4, 5, 6];
  const index = options.hybrid ? [1, 3] : options.subsections ? [0, 3, 3, 4] : [0, size];
  const rowWidth = widths[0] + widths[1] + widths[2];
  const raw = Buffer.alloc(listed.length * rowWidth);
  listed.forEach((num, r) => {
    let at = r * rowWidth;
    rows.get(num)!.forEach((value, f) => {
      if (widths[f] > 0) raw.writeUIntBE(value, at, widths[f]);
      at += widths[f];
    });
  });
  let encoded: Buffer = raw;
  const dict: Record<string, string> = { Type: '/XRef', Size: String(size), W: `[${widths.join(' ')}]`, Root: '1 0 R' };
  if (!options.hybrid && !options.subsections) delete dict.Index;
  if (options.subsections || options.hybrid) dict.Index = `[${index.join(' ')}]`;
  if (options.compress || options.predictor) {
    const rowsOut = options.predictor ? pngUp(raw, rowWidth) : raw;
    encoded = deflateSync(rowsOut);
    dict.Filter = '/FlateDecode';
    if (options.predictor) dict.DecodeParms = `<< /Predictor 12 /Columns ${rowWidth} >>`;
  }
  encoded = options.data?.(encoded) ?? encoded;
  const finalDict = options.xrefDict?.(dict) ?? dict;
  object(xrefNum, Buffer.concat([Buffer.from(`${dictText({ ...finalDict, Length: String(encoded.length) })}\nstream\n`, 'latin1'), encoded, Buffer.from('\nendstream', 'latin1')]));
  if (!options.hybrid) {
    push(`startxref\n${xrefOffset}\n%%EOF\n`);
    return Buffer.concat(parts);
  }
  // The classic table lists what a PDF 1.4 reader can see; the stream adds the compressed objects.
  const tableOffset = length;
  const entry = (num: number) => `${String(offsets.get(num)).padStart(10, '0')} 00000 n \n`;
  push(`xref\n0 1\n0000000000 65535 f \n4 3\n${entry(4)}${entry(5)}${entry(6)}`);
  push(`trailer\n<< /Size ${size} /Root 1 0 R /XRefStm ${xrefOffset} >>\nstartxref\n${tableOffset}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** PNG "Up" filtered rows (§7.4.4.4, predictor 12). */
function pngUp(raw: Buffer, rowWidth: number): Buffer {
  const rows = raw.length / rowWidth;
  const out = Buffer.alloc(rows * (rowWidth + 1));
  for (let r = 0; r < rows; r++) {
    out[r * (rowWidth + 1)] = 2;
    for (let i = 0; i < rowWidth; i++) {
      const up = r > 0 ? raw[(r - 1) * rowWidth + i] : 0;
      out[r * (rowWidth + 1) + 1 + i] = (raw[r * rowWidth + i] - up) & 0xff;
    }
  }
  return out;
}
