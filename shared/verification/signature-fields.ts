import { decodeTextString, type HistoricalView, type PdfDict, type PdfNode, type PdfRef } from '../pdf-syntax';
import { MalformedFileError } from './errors';

/** A signature as found through the AcroForm: the field and its /V signature dictionary. */
export interface SignatureField {
  /** Fully qualified field name (parents' /T joined by "."). */
  name: string;
  /** The field object holding /V. */
  fieldRef: PdfRef;
  /** The signature dictionary's object (undefined when /V is a direct dictionary). */
  sigRef?: PdfRef;
  /** Byte offset of the object that holds the signature dictionary. */
  sigObjectOffset: number;
  dict: PdfDict;
}

export const MAX_SIGNATURES = 16;
const MAX_FIELDS = 2_000;
const MAX_FIELD_DEPTH = 16;

/**
 * Walks catalog → /AcroForm → /Fields (and /Kids) of one revision and returns every field of
 * type /Sig that has a value, in field order. The walk is bounded in depth and count and never
 * visits an object twice, so a cyclic or enormous form cannot hang it.
 */
export function findSignatureFields(view: HistoricalView): SignatureField[] {
  const catalog = view.dict(view.trailer.entries.get('Root'));
  if (!catalog) throw new MalformedFileError('the trailer /Root is not a dictionary');
  const acroForm = view.dict(catalog.entries.get('AcroForm'));
  if (!acroForm) return [];
  const fields = view.resolve(acroForm.entries.get('Fields'));
  if (!fields) return [];
  if (fields.kind !== 'array') throw new MalformedFileError('/AcroForm /Fields is not an array');

  const found: SignatureField[] = [];
  const visited = new Set<number>();
  const stack: { node: PdfNode; prefix: string; ft?: string; depth: number }[] = fields.items.map((node) => ({ node, prefix: '', depth: 0 })).reverse();
  while (stack.length > 0) {
    const { node, prefix, ft: inheritedFt, depth } = stack.pop()!;
    if (node.kind !== 'ref') throw new MalformedFileError('a form field is not an indirect object');
    if (visited.has(node.num)) continue;
    if (visited.size >= MAX_FIELDS || depth > MAX_FIELD_DEPTH) throw new MalformedFileError('the form has too many or too deeply nested fields');
    visited.add(node.num);
    const field = view.dict(node);
    if (!field) continue;
    const title = field.entries.get('T');
    const part = title?.kind === 'string' ? decodeTextString(title.bytes) : undefined;
    const name = part === undefined ? prefix : prefix ? `${prefix}.${part}` : part;
    const ftNode = field.entries.get('FT');
    const ft = ftNode?.kind === 'name' ? ftNode.value : inheritedFt;
    const value = field.entries.get('V');
    if (ft === 'Sig' && value && value.kind !== 'null') found.push(signatureOf(view, node, name, value));
    const kids = view.resolve(field.entries.get('Kids'));
    if (kids?.kind === 'array') {
      for (let i = kids.items.length - 1; i >= 0; i--) stack.push({ node: kids.items[i], prefix: name, ft, depth: depth + 1 });
    }
  }
  if (found.length > MAX_SIGNATURES) throw new MalformedFileError(`more than ${MAX_SIGNATURES} signatures`);
  const seen = new Set<number>();
  for (const signature of found) {
    if (seen.has(signature.sigObjectOffset)) {
      throw new MalformedFileError('two signature fields share one signature dictionary');
    }
    seen.add(signature.sigObjectOffset);
  }
  return found;
}

function signatureOf(view: HistoricalView, fieldRef: PdfRef, name: string, value: PdfNode): SignatureField {
  if (value.kind === 'ref') {
    const dict = view.dict(value);
    if (!dict) throw new MalformedFileError(`the value of signature field "${name}" is not a dictionary`);
    return { name, fieldRef, sigRef: value, sigObjectOffset: view.offsetOf(value), dict };
  }
  if (value.kind !== 'dict') throw new MalformedFileError(`the value of signature field "${name}" is not a dictionary`);
  return { name, fieldRef, sigObjectOffset: view.offsetOf(fieldRef), dict: value };
}

/** Upper bound on /ByteRange occurrences looked at: more than this is itself suspicious. */
const MAX_RAW_BYTE_RANGES = 256;

/**
 * Offsets of every `/ByteRange` in the raw bytes that lies outside the given signature
 * dictionaries: a signature dictionary no form field leads to (a hidden or leftover signature).
 */
export function strayByteRanges(buf: Uint8Array, signatures: SignatureField[]): number[] {
  const file = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
  const stray: number[] = [];
  let count = 0;
  for (let at = file.indexOf('/ByteRange'); at >= 0; at = file.indexOf('/ByteRange', at + 1)) {
    if (++count > MAX_RAW_BYTE_RANGES) {
      stray.push(at);
      break;
    }
    if (!signatures.some(({ dict }) => at >= dict.start && at < dict.end)) stray.push(at);
  }
  return stray;
}
