import { constants, inflateSync } from 'node:zlib';
import { malformed, PdfSyntaxError } from './errors';
import { dictEntry, integerEntry, type PdfDict, type PdfNode } from './objects';
import type { WorkBudget } from './work-budget';

/**
 * Inflates zlib data (§7.4.4) producing at most `maxOutput` bytes: a bomb stops at the limit
 * with a 'limit' error instead of filling memory. A truncated stream yields what it holds.
 */
export function inflateBounded(data: Uint8Array, maxOutput: number): Buffer {
  if (maxOutput <= 0) throw new PdfSyntaxError('limit', 'no decompression budget left');
  try {
    return inflateSync(data, { maxOutputLength: maxOutput, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PdfSyntaxError('limit', `a compressed stream inflates past ${maxOutput} bytes`, { cause: error });
    }
    throw malformed('a compressed stream does not inflate', { cause: error });
  }
}

/** The filter names of a stream dictionary (§7.3.8.2), as a list. */
export function filterNames(dict: PdfDict): string[] {
  const filter = dictEntry(dict, 'Filter', 'name', 'array');
  if (!filter) return [];
  if (filter.kind === 'name') return [filter.value];
  return filter.items.map((item) => {
    if (item.kind !== 'name') throw malformed('a /Filter array holds something other than names');
    return item.value;
  });
}

const FLATE = new Set(['FlateDecode', 'Fl']);

/**
 * Decodes a structure stream (xref or object stream): no filter, or FlateDecode with an optional
 * PNG predictor. Other filters are legal but never used for these streams, so 'unsupported'.
 */
export function decodeStructureStream(dict: PdfDict, data: Uint8Array, budget: WorkBudget): Uint8Array {
  const filters = filterNames(dict);
  if (filters.length === 0) return data;
  if (filters.length !== 1 || !FLATE.has(filters[0])) {
    throw new PdfSyntaxError('unsupported', `structure stream filter ${filters.map((f) => `/${f}`).join(' ')}`);
  }
  const inflated = inflateBounded(data, budget.remaining('inflatedBytes'));
  budget.spend('inflatedBytes', inflated.length);
  return unpredict(inflated, decodeParms(dict));
}

function decodeParms(dict: PdfDict): PdfDict | undefined {
  const parms: PdfNode | undefined = dict.entries.get('DecodeParms');
  if (parms?.kind === 'array') return parms.items[0]?.kind === 'dict' ? parms.items[0] : undefined;
  return parms?.kind === 'dict' ? parms : undefined;
}

/** Reverses the PNG predictors (§7.4.4.4, Predictor ≥ 10) row by row; Predictor 1 is none. */
function unpredict(data: Buffer, parms: PdfDict | undefined): Uint8Array {
  const predictor = parms ? integerEntry(parms, 'Predictor') ?? 1 : 1;
  if (predictor === 1) return data;
  if (predictor < 10 || predictor > 15) throw new PdfSyntaxError('unsupported', `predictor ${predictor} in a structure stream`);
  const colors = integerEntry(parms!, 'Colors') ?? 1;
  const bits = integerEntry(parms!, 'BitsPerComponent') ?? 8;
  const columns = integerEntry(parms!, 'Columns') ?? 1;
  if (bits !== 8 || colors < 1 || colors > 4 || columns < 1 || columns > 1 << 16) {
    throw new PdfSyntaxError('unsupported', 'PNG predictor parameters other than 8-bit samples');
  }
  const bpp = colors;
  const rowLength = colors * columns;
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)];
    const inAt = r * (rowLength + 1) + 1;
    const at = r * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const left = i >= bpp ? out[at + i - bpp] : 0;
      const up = r > 0 ? out[at + i - rowLength] : 0;
      const upLeft = r > 0 && i >= bpp ? out[at + i - rowLength - bpp] : 0;
      out[at + i] = (data[inAt + i] + predict(type, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predict(type: number, left: number, up: number, upLeft: number): number {
  switch (type) {
    case 0: return 0;
    case 1: return left;
    case 2: return up;
    case 3: return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default: throw malformed(`PNG predictor row type ${type}`);
  }
}
