import { malformed } from './errors';
import { PdfLexer } from './lexer';
import { integerEntry, nameValue, type PdfIndirectObject } from './objects';
import { decodeStructureStream } from './stream-filters';
import type { WorkBudget } from './work-budget';
import { rawStreamData } from './indirect-object';

/** A decoded object stream: its data and, per index, the object number and where its value starts. */
export interface ObjectStream {
  num: number;
  data: Uint8Array;
  objects: { num: number; offset: number }[];
}

/** Decodes an object stream (§7.5.7: /Type /ObjStm, /N pairs of numbers, objects from /First on). */
export function readObjectStream(stream: PdfIndirectObject, length: number, budget: WorkBudget): ObjectStream {
  const dict = stream.value;
  if (!stream.isStream || dict.kind !== 'dict' || nameValue(dict, 'Type') !== 'ObjStm') throw malformed(`object ${stream.num} is not an object stream`);
  const n = integerEntry(dict, 'N');
  const first = integerEntry(dict, 'First');
  if (n === undefined || first === undefined) throw malformed(`object stream ${stream.num} has no /N or /First`);
  const data = decodeStructureStream(dict, rawStreamData(stream, length), budget);
  // Each pair takes at least four bytes: a claim of more objects than the data can hold is a lie.
  if (n * 4 > first || first > data.length) throw malformed(`object stream ${stream.num} claims ${n} objects it cannot hold`);
  const lexer = new PdfLexer(data, 0, { end: first });
  const objects: ObjectStream['objects'] = [];
  for (let i = 0; i < n; i++) {
    const num = lexer.readUnsignedInt('an object number in an object stream');
    const offset = first + lexer.readUnsignedInt('an offset in an object stream');
    if (offset >= data.length) throw malformed(`object ${num} lies outside object stream ${stream.num}`);
    objects.push({ num, offset });
  }
  return { num: stream.num, data, objects };
}

/** Parses the object at `index` of a decoded object stream, checking it is object `num`. */
export function objectFromStream(stream: ObjectStream, index: number, num: number): PdfIndirectObject {
  const slot = stream.objects[index];
  if (!slot || slot.num !== num) throw malformed(`object stream ${stream.num} holds no object ${num} at index ${index}`);
  const next = stream.objects[index + 1]?.offset;
  const lexer = new PdfLexer(stream.data, slot.offset, { end: next !== undefined && next > slot.offset ? next : stream.data.length });
  return { num, gen: 0, value: lexer.parseValue(), isStream: false, source: stream.data };
}
