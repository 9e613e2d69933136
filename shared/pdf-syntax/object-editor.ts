import { isPdfWhitespace } from './lexer';
import type { PdfArray, PdfDict, PdfIndirectObject, PdfNode } from './objects';

interface Edit {
  /** Replaced range [start, end) in file offsets; start === end for an insertion. */
  start: number;
  end: number;
  text: string;
}

/**
 * Rewrites one indirect object for an incremental update by splicing text into its original
 * bytes. Keeping every untouched byte means the verifier can diff old and new versions and see
 * exactly the entries a signature added, nothing re-serialised along the way.
 */
export class PdfObjectEditor {
  private readonly edits: Edit[] = [];

  private readonly buf: Uint8Array;

  /** Edits `object`, whose spans index its `source` (the file, or its decoded object stream). */
  constructor(readonly object: PdfIndirectObject) {
    this.buf = object.source;
  }

  /** Appends an element (PDF syntax, e.g. `12 0 R`) at the end of an array of this object. */
  appendToArray(array: PdfArray, itemText: string): void {
    this.assertInside(array);
    const at = array.end - 1; // just before "]"
    this.edits.push({ start: at, end: at, text: `${this.separatorBefore(at)}${itemText} ` });
  }

  /** Adds `/key value` at the end of a dictionary of this object (the key must be absent). */
  addEntry(dict: PdfDict, key: string, valueText: string): void {
    this.assertInside(dict);
    const at = dict.end - 2; // just before ">>"
    this.edits.push({ start: at, end: at, text: `${this.separatorBefore(at)}/${key} ${valueText} ` });
  }

  /** Replaces a value of this object by new PDF syntax. */
  replace(node: PdfNode, text: string): void {
    this.assertInside(node);
    this.edits.push({ start: node.start, end: node.end, text });
  }

  /** The object's new value: the original bytes with every edit applied. */
  body(): Buffer {
    const { value } = this.object;
    const ordered = this.edits
      .map((edit, index) => ({ ...edit, index }))
      .sort((a, b) => a.start - b.start || a.index - b.index);
    const parts: Buffer[] = [];
    let cursor = value.start;
    for (const edit of ordered) {
      if (edit.start < cursor) throw new Error('Overlapping edits of one PDF object.');
      parts.push(Buffer.from(this.buf.subarray(cursor, edit.start)), Buffer.from(edit.text, 'latin1'));
      cursor = edit.end;
    }
    parts.push(Buffer.from(this.buf.subarray(cursor, value.end)));
    return Buffer.concat(parts);
  }

  /** A space unless the byte before `at` already separates tokens. */
  private separatorBefore(at: number): string {
    return isPdfWhitespace(this.buf[at - 1]) ? '' : ' ';
  }

  private assertInside(node: PdfNode): void {
    const { value } = this.object;
    if (node.start < value.start || node.end > value.end) {
      throw new Error('An edit falls outside the object being rewritten.');
    }
  }
}
