/** One object of the new revision: `body` is what goes between `N G obj` and `endobj`. */
export interface RevisionObject {
  num: number;
  gen: number;
  body: Buffer;
}

export interface RevisionTrailer {
  /** The previous /Size: with an xref stream, its own object takes this number. */
  size: number;
  /** Offset of the previous revision's cross-reference section. */
  prev: number;
  /** Raw PDF text of entries copied from the previous trailer (Root, Info, ID), keyed by name. */
  carried: Record<string, string>;
  /** The form of the new section; a file whose last section is a stream gets a stream (§7.5.8.4). */
  format?: 'table' | 'stream';
}

export interface WrittenRevision {
  /** The whole file: the original bytes untouched, then the new revision. */
  pdf: Buffer;
  /** Absolute offset of each new object's `N G obj` line. */
  offsets: Map<number, number>;
}

/**
 * Appends one incremental update (ISO 32000-1 §7.5.6): the objects, a cross-reference section
 * listing only them, and a trailer chained to the previous one by /Prev. The original bytes are
 * never touched, which is what keeps earlier signatures valid.
 */
export function appendRevision(original: Uint8Array, objects: RevisionObject[], trailer: RevisionTrailer): WrittenRevision {
  const revision = revisionBytes(original.length, objects, trailer);
  return { pdf: Buffer.concat([original, ...revision.parts], original.length + revision.length), offsets: revision.offsets };
}

/**
 * A PDF that several incremental updates are appended to in a row (a copy made B-LTA gets the DSS,
 * then the document time-stamp). appendRevision copies the whole file for each update; here the
 * file is copied once into a buffer with room after its end, and each update is written into that
 * room: for a 55 MB copy that is one 55 MB allocation instead of one per update. When an update
 * does not fit, the buffer grows by a copy (correct, only slower).
 */
export class GrowingPdf {
  private buffer: Buffer;
  private used: number;

  /** `room`: the bytes the coming updates are expected to take. */
  constructor(original: Uint8Array, room: number) {
    this.buffer = zeroedTail(Buffer.allocUnsafe(original.length + Math.max(0, room)), original.length);
    this.buffer.set(original, 0);
    this.used = original.length;
  }

  /**
   * The file so far: a view that later updates leave as it is (they only write after its end), so
   * it may be read, and its own placeholder filled in place, while nothing else is appended.
   */
  get pdf(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  /** Appends one incremental update, as appendRevision does; `pdf` is the file with it. */
  append(objects: RevisionObject[], trailer: RevisionTrailer): WrittenRevision {
    const revision = revisionBytes(this.used, objects, trailer);
    const needed = this.used + revision.length;
    if (needed > this.buffer.length) {
      const grown = zeroedTail(Buffer.allocUnsafe(needed + revision.length), this.used);
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    for (const part of revision.parts) this.used += part.copy(this.buffer, this.used);
    return { pdf: this.pdf, offsets: revision.offsets };
  }
}

/** Unused room is zeroed: a view's .buffer must not expose what the allocator left there. */
function zeroedTail(buffer: Buffer, from: number): Buffer {
  return buffer.fill(0, from);
}

/** The bytes of one update for a file `base` bytes long, in parts, with each object's absolute offset. */
function revisionBytes(base: number, objects: RevisionObject[], trailer: RevisionTrailer): { parts: Buffer[]; length: number; offsets: Map<number, number> } {
  const parts: Buffer[] = [];
  let length = base;
  const push = (part: Buffer | string) => {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    parts.push(bytes);
    length += bytes.length;
  };
  // The previous revision may end right after %%EOF; a fresh line keeps the first header parseable.
  push('\n');
  const offsets = new Map<number, number>();
  for (const obj of objects) {
    offsets.set(obj.num, length);
    push(`${obj.num} ${obj.gen} obj\n`);
    push(obj.body);
    push('\nendobj\n');
  }
  const xrefOffset = length;
  const carried = Object.entries(trailer.carried).map(([key, raw]) => ` /${key} ${raw}`).join('');
  if (trailer.format === 'stream') {
    const self: RevisionObject = { num: trailer.size, gen: 0, body: Buffer.alloc(0) };
    offsets.set(self.num, xrefOffset);
    push(xrefStream([...objects, self], offsets, `/Size ${trailer.size + 1}${carried} /Prev ${trailer.prev}`));
    offsets.delete(self.num);
  } else {
    push(xrefTable(objects, offsets));
    push(`trailer\n<< /Size ${trailer.size}${carried} /Prev ${trailer.prev} >>\n`);
  }
  push(`startxref\n${xrefOffset}\n%%EOF\n`);
  return { parts, length: length - base, offsets };
}

/** Runs of consecutive object numbers, each one subsection of the section. */
function subsections(objects: RevisionObject[]): RevisionObject[][] {
  const sorted = [...objects].sort((a, b) => a.num - b.num);
  const runs: RevisionObject[][] = [];
  for (const obj of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1].num + 1 === obj.num) run.push(obj);
    else runs.push([obj]);
  }
  return runs;
}

/** A classic `xref` section (§7.5.4). */
function xrefTable(objects: RevisionObject[], offsets: Map<number, number>): string {
  const lines: string[] = ['xref\n'];
  for (const run of subsections(objects)) {
    lines.push(`${run[0].num} ${run.length}\n`);
    // Each entry is exactly 20 bytes, its end-of-line being the two bytes " \n".
    for (const obj of run) lines.push(`${String(offsets.get(obj.num)).padStart(10, '0')} ${String(obj.gen).padStart(5, '0')} n \n`);
  }
  return lines.join('');
}

/**
 * An uncompressed cross-reference stream (§7.5.8) listing the objects and itself (the last of
 * `objects`), whose dictionary is also the trailer. Rows are type 1: offset and generation.
 */
function xrefStream(objects: RevisionObject[], offsets: Map<number, number>, trailerEntries: string): Buffer {
  const self = objects[objects.length - 1];
  const runs = subsections(objects);
  let offsetWidth = 1;
  while (Math.max(...offsets.values()) >= 256 ** offsetWidth) offsetWidth++;
  const rowWidth = 1 + offsetWidth + 2;
  const data = Buffer.alloc(objects.length * rowWidth);
  let at = 0;
  for (const obj of runs.flat()) {
    data[at] = 1;
    data.writeUIntBE(offsets.get(obj.num)!, at + 1, offsetWidth);
    data.writeUInt16BE(obj.gen, at + 1 + offsetWidth);
    at += rowWidth;
  }
  const index = runs.map((run) => `${run[0].num} ${run.length}`).join(' ');
  const dict = `<< /Type /XRef ${trailerEntries} /W [1 ${offsetWidth} 2] /Index [${index}] /Length ${data.length} >>`;
  return Buffer.concat([
    Buffer.from(`${self.num} 0 obj\n${dict}\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}
