import { malformed } from './errors';
import { parseIndirectObjectAt, rawStreamData } from './indirect-object';
import { PdfLexer } from './lexer';
import { dictEntry, integerEntry, nameValue, type PdfDict } from './objects';
import { decodeStructureStream } from './stream-filters';
import type { WorkBudget } from './work-budget';
import type { XrefEntries, XrefSection } from './xref-section';

/** Widest field a reader must accept: offsets past 2^53 cannot be in a file we hold in memory. */
const MAX_FIELD_WIDTH = 7;

/** Reads the cross-reference stream object at `offset` (§7.5.8): /W, /Index, /Size, PNG-predicted Flate data. */
export function readXrefStream(buf: Uint8Array, offset: number, budget: WorkBudget): XrefSection {
  const lexer = new PdfLexer(buf, offset);
  const num = lexer.readUnsignedInt('an object number');
  const gen = lexer.readUnsignedInt('a generation number');
  const object = parseIndirectObjectAt(buf, offset, num, gen);
  const dict = object.value;
  if (!object.isStream || dict.kind !== 'dict' || nameValue(dict, 'Type') !== 'XRef') {
    throw malformed(`startxref points at object ${num}, which is not a cross-reference stream`);
  }
  const length = dictEntry(dict, 'Length', 'number');
  if (!length) throw malformed('a cross-reference stream has no direct /Length');
  const data = decodeStructureStream(dict, rawStreamData(object, length.value), budget);
  const entries = decodeEntries(dict, data, budget);
  const after = new PdfLexer(buf, object.streamStart! + length.value);
  after.expectKeyword('endstream');
  after.expectKeyword('endobj');
  return { offset, format: 'stream', entries, trailer: dict, end: after.pos, streamNum: num };
}

function decodeEntries(dict: PdfDict, data: Uint8Array, budget: WorkBudget): XrefEntries {
  const widths = integers(dict, 'W');
  if (widths?.length !== 3 || widths.some((w) => w > MAX_FIELD_WIDTH)) throw malformed('a cross-reference stream has an invalid /W');
  const size = integerEntry(dict, 'Size');
  if (size === undefined) throw malformed('a cross-reference stream has no /Size');
  const index = integers(dict, 'Index') ?? [0, size];
  if (index.length % 2 !== 0) throw malformed('a cross-reference stream /Index is not pairs');
  const rowWidth = widths[0] + widths[1] + widths[2];
  let count = 0;
  for (let i = 1; i < index.length; i += 2) count += index[i];
  // Counted before any work: a claim of billions of rows stops here, not in the loop.
  budget.spend('xrefEntries', count);
  if (rowWidth === 0 || count * rowWidth > data.length) throw malformed('a cross-reference stream holds fewer rows than its /Index claims');
  const entries: XrefEntries = new Map();
  let at = 0;
  for (let i = 0; i < index.length; i += 2) {
    for (let k = 0; k < index[i + 1]; k++, at += rowWidth) {
      const num = index[i] + k;
      // The type field defaults to 1 when its width is 0 (§7.5.8.2, Table 17).
      const type = widths[0] === 0 ? 1 : field(data, at, widths[0]);
      const second = field(data, at + widths[0], widths[1]);
      const third = field(data, at + widths[0] + widths[1], widths[2]);
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, null);
      else if (type === 1) entries.set(num, { offset: second, gen: third });
      else if (type === 2) entries.set(num, { objectStream: second, index: third, gen: 0 });
      // Other types are reserved and read as references to the null object (§7.5.8.3).
    }
  }
  return entries;
}

/** A big-endian unsigned field of `width` bytes. */
function field(data: Uint8Array, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + data[at + i];
  return value;
}

function integers(dict: PdfDict, key: string): number[] | undefined {
  const array = dictEntry(dict, key, 'array');
  if (!array) return undefined;
  return array.items.map((item) => {
    if (item.kind !== 'number' || !Number.isSafeInteger(item.value) || item.value < 0) throw malformed(`/${key} holds something other than non-negative integers`);
    return item.value;
  });
}
