/** One object of the new revision: `body` is what goes between `N G obj` and `endobj`. */
export interface RevisionObject {
  num: number;
  gen: number;
  body: Buffer;
}

export interface RevisionTrailer {
  size: number;
  /** Offset of the previous revision's xref table. */
  prev: number;
  /** Raw PDF text of entries copied from the previous trailer (Root, Info, ID), keyed by name. */
  carried: Record<string, string>;
}

export interface WrittenRevision {
  /** The whole file: the original bytes untouched, then the new revision. */
  pdf: Buffer;
  /** Absolute offset of each new object's `N G obj` line. */
  offsets: Map<number, number>;
}

/**
 * Appends one incremental update (ISO 32000-1 §7.5.6): the objects, an xref section listing only
 * them, and a trailer chained to the previous one by /Prev. The original bytes are never touched,
 * which is what keeps earlier signatures valid.
 */
export function appendRevision(original: Uint8Array, objects: RevisionObject[], trailer: RevisionTrailer): WrittenRevision {
  const parts: Buffer[] = [];
  let length = original.length;
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
  push(xrefSection(objects, offsets));
  const carried = Object.entries(trailer.carried).map(([key, raw]) => ` /${key} ${raw}`).join('');
  push(`trailer\n<< /Size ${trailer.size}${carried} /Prev ${trailer.prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`);
  return { pdf: Buffer.concat([original, ...parts], length), offsets };
}

/** Builds `xref` with one subsection per run of consecutive object numbers. */
function xrefSection(objects: RevisionObject[], offsets: Map<number, number>): string {
  const sorted = [...objects].sort((a, b) => a.num - b.num);
  const lines: string[] = ['xref\n'];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].num === sorted[j].num + 1) j++;
    lines.push(`${sorted[i].num} ${j - i + 1}\n`);
    for (let k = i; k <= j; k++) {
      const offset = String(offsets.get(sorted[k].num)).padStart(10, '0');
      // Each entry is exactly 20 bytes, its end-of-line being the two bytes " \n" (§7.5.4).
      lines.push(`${offset} ${String(sorted[k].gen).padStart(5, '0')} n \n`);
    }
    i = j + 1;
  }
  return lines.join('');
}
