import {
  appendRevision, decodeTextString, dictEntry, nameValue, refTo, encodeTextString, findPageRef, formatPdfDate, formatPdfNumber, PdfObjectEditor,
  PdfObjectReader, rawBytes, type GrowingPdf, type PdfArray, type PdfDict, type PdfRef, type RevisionObject,
} from '../pdf-syntax';
import { asSigningError, SigningError } from './errors';

export interface SignatureFieldSpot {
  name: string;
  pageIndex: number;
  rect: [number, number, number, number];
  /**
   * Object number (generation 0) of a Form XObject already in the PDF that shows the signature
   * (shared/pdf/signature-appearance.ts); it becomes the widget's /AP /N, inside the signed bytes.
   * Without it the widget gets an empty appearance.
   */
  appearance?: number;
}

export interface SignatureDictionaryValues {
  signingTime: Date;
  signerName?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
}

export interface PlaceholderRevision {
  /** The input followed by the new revision, /ByteRange and /Contents still placeholders. */
  pdf: Buffer;
  /** Offset of `/ByteRange [` in the signature dictionary. */
  byteRangeOffset: number;
  /** Offset of the `<` opening the /Contents hex string. */
  contentsOffset: number;
  /** Hex digits between `<` and `>`. */
  contentsHexLength: number;
}

/** The placeholder fill-signature.ts (like @signpdf/signpdf) looks for and replaces with the real byte range. */
export const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';
/** Print (4) + Locked (128): printed with the page, and the field cannot be moved or deleted. */
const WIDGET_FLAGS = 132;
/** SignaturesExist (1) + AppendOnly (2): viewers must save incrementally from now on. */
const SIG_FLAGS = 3;

/**
 * Appends one incremental revision that holds an empty signature field: the signature
 * dictionary with placeholders, a merged field/widget on the page, the page's /Annots and the
 * AcroForm /Fields extended by it. Only those objects are rewritten; everything else is untouched.
 */
export function appendSignaturePlaceholder(
  input: Uint8Array,
  field: SignatureFieldSpot,
  values: SignatureDictionaryValues,
  contentsBytes: number,
): PlaceholderRevision {
  assertFieldSpot(field);
  try {
    return placeholderRevision(input, field, signatureDictionary(values, contentsBytes), contentsBytes);
  } catch (error) {
    throw asSigningError(error);
  }
}

/**
 * Appends one incremental revision that holds an empty document time-stamp (ISO 32000-2
 * §12.8.5; PAdES B-LTA, ETSI EN 319 142-1 §5.4): an invisible signature field (zero rectangle, on
 * the first page) whose value is `/Type /DocTimeStamp /SubFilter /ETSI.RFC3161`, with /ByteRange
 * and /Contents placeholders and no /M — the token's genTime is the time.
 */
export function appendDocTimeStampPlaceholder(input: Uint8Array | GrowingPdf, name: string, contentsBytes: number): PlaceholderRevision {
  const field: SignatureFieldSpot = { name, pageIndex: 0, rect: [0, 0, 0, 0] };
  assertFieldName(name);
  try {
    return placeholderRevision(input, field, timeStampDictionary(contentsBytes), contentsBytes);
  } catch (error) {
    throw asSigningError(error);
  }
}

/** With a GrowingPdf, the revision is written into its room (no copy of the whole file); else into a new buffer. */
function placeholderRevision(target: Uint8Array | GrowingPdf, field: SignatureFieldSpot, sig: string, contentsBytes: number): PlaceholderRevision {
  const input = target instanceof Uint8Array ? target : target.pdf;
  const reader = new PdfObjectReader(input);
  const { trailer, size, startxref, format } = reader.xref;
  const catalogRef = dictEntry(trailer, 'Root', 'ref')!;
  const catalog = reader.dict(catalogRef, 'document catalog');
  const pageRef = findPageRef(reader, catalog, field.pageIndex);

  // With an appearance the composer made, no empty one is written and the numbers stay dense.
  if (field.appearance !== undefined) assertAppearance(reader, field.appearance);
  const own = field.appearance === undefined ? 1 : 0;
  const numbers = { sig: size, widget: size + 1, appearance: field.appearance ?? size + 2, acroForm: size + 2 + own };
  const editors = new Map<number, PdfObjectEditor>();
  const editorFor = (ref: PdfRef) => {
    let editor = editors.get(ref.num);
    if (!editor) editors.set(ref.num, (editor = new PdfObjectEditor(reader.object(ref))));
    return editor;
  };
  const widgetRef = `${numbers.widget} 0 R`;

  const newObjects: RevisionObject[] = [];
  const createdAcroForm = addToFields(reader, catalogRef, catalog, field.name, widgetRef, numbers.acroForm, editorFor);
  if (createdAcroForm) newObjects.push({ num: numbers.acroForm, gen: 0, body: Buffer.from(createdAcroForm, 'latin1') });
  addToAnnots(reader, pageRef, widgetRef, editorFor);

  newObjects.unshift(...fieldObjects(numbers, field, pageRef, sig));

  const rewritten: RevisionObject[] = [...editors.values()].map((editor) => ({
    num: editor.object.num, gen: editor.object.gen, body: editor.body(),
  }));
  const carried: Record<string, string> = {};
  for (const key of ['Root', 'Info', 'ID']) {
    const node = trailer.entries.get(key);
    if (node) carried[key] = rawBytes(input, node);
  }
  const nextSize = size + 2 + own + (createdAcroForm ? 1 : 0);
  const revision = { size: nextSize, prev: startxref, carried, format };
  const written = target instanceof Uint8Array ? appendRevision(input, [...rewritten, ...newObjects], revision) : target.append([...rewritten, ...newObjects], revision);

  const sigHeader = `${numbers.sig} 0 obj\n`.length;
  const sigOffset = written.offsets.get(numbers.sig)! + sigHeader;
  return {
    pdf: written.pdf,
    byteRangeOffset: sigOffset + sig.indexOf('/ByteRange'),
    contentsOffset: sigOffset + sig.indexOf('/Contents <') + '/Contents '.length,
    contentsHexLength: contentsBytes * 2,
  };
}

/** The signature dictionary, the merged field/widget pointing at it, and an empty appearance unless one was given. */
function fieldObjects(
  numbers: { sig: number; widget: number; appearance: number }, field: SignatureFieldSpot, pageRef: PdfRef, sig: string,
): RevisionObject[] {
  const [x1, y1, x2, y2] = field.rect.map(formatPdfNumber);
  const width = formatPdfNumber(field.rect[2] - field.rect[0]);
  const height = formatPdfNumber(field.rect[3] - field.rect[1]);
  const widget = `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${encodeTextString(field.name)} /V ${numbers.sig} 0 R`
    + ` /P ${pageRef.num} ${pageRef.gen} R /Rect [${x1} ${y1} ${x2} ${y2}] /F ${WIDGET_FLAGS}`
    + ` /AP << /N ${numbers.appearance} 0 R >> >>`;
  const objects: RevisionObject[] = [
    { num: numbers.sig, gen: 0, body: Buffer.from(sig, 'latin1') },
    { num: numbers.widget, gen: 0, body: Buffer.from(widget, 'latin1') },
  ];
  if (field.appearance !== undefined) return objects;
  // No appearance given: an empty one, as PDF 2.0 and PDF/A require /AP on a widget.
  const appearance = `<< /Type /XObject /Subtype /Form /BBox [0 0 ${width} ${height}] /Resources << >> /Length 0 >>\nstream\n\nendstream`;
  return [...objects, { num: numbers.appearance, gen: 0, body: Buffer.from(appearance, 'latin1') }];
}

/** The document time-stamp's value (ISO 32000-2 §12.8.5): no /M, no /Name; the token says who and when. */
function timeStampDictionary(contentsBytes: number): string {
  // The same order as signatureDictionary: fill-signature.ts finds "/Contents " after the /ByteRange placeholder.
  return `<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161\n${BYTE_RANGE_PLACEHOLDER}\n`
    + `/Contents <${'0'.repeat(contentsBytes * 2)}> >>`;
}

function signatureDictionary(values: SignatureDictionaryValues, contentsBytes: number): string {
  const texts: [string, string | undefined][] = [
    ['Name', values.signerName], ['Reason', values.reason], ['Location', values.location], ['ContactInfo', values.contactInfo],
  ];
  const optional = texts
    .filter(([, text]) => text !== undefined && text !== '')
    .map(([key, text]) => ` /${key} ${encodeTextString(text!)}`)
    .join('');
  // fill-signature.ts (like @signpdf/signpdf) finds "/Contents " after the ByteRange placeholder, so the order matters.
  return `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n${BYTE_RANGE_PLACEHOLDER}\n`
    + `/Contents <${'0'.repeat(contentsBytes * 2)}>\n/M ${formatPdfDate(values.signingTime)}${optional} >>`;
}

/**
 * Registers the field in the AcroForm, creating one if the catalog has none; returns the body of
 * the new AcroForm object in that case. A new AcroForm is an indirect object so that the next
 * signature rewrites it and not the catalog.
 */
function addToFields(
  reader: PdfObjectReader, catalogRef: PdfRef, catalog: PdfDict, name: string, widgetRef: string, acroFormNum: number,
  editorFor: (ref: PdfRef) => PdfObjectEditor,
): string | undefined {
  const acroNode = dictEntry(catalog, 'AcroForm', 'ref', 'dict');
  if (!acroNode) {
    editorFor(catalogRef).addEntry(catalog, 'AcroForm', `${acroFormNum} 0 R`);
    return `<< /Fields [${widgetRef}] /SigFlags ${SIG_FLAGS} >>`;
  }
  const acroEditor = editorFor(acroNode.kind === 'ref' ? acroNode : catalogRef);
  const acroForm = acroNode.kind === 'ref' ? reader.dict(acroNode, 'AcroForm') : acroNode;
  const fields = dictEntry(acroForm, 'Fields', 'ref', 'array');
  if (!fields) {
    acroEditor.addEntry(acroForm, 'Fields', `[${widgetRef}]`);
  } else {
    const array = fields.kind === 'ref' ? reader.array(fields, 'AcroForm /Fields') : fields;
    assertNameFree(reader, array, name);
    (fields.kind === 'ref' ? editorFor(fields) : acroEditor).appendToArray(array, widgetRef);
  }
  const sigFlags = dictEntry(acroForm, 'SigFlags', 'number');
  if (!sigFlags) acroEditor.addEntry(acroForm, 'SigFlags', String(SIG_FLAGS));
  else if ((sigFlags.value & SIG_FLAGS) !== SIG_FLAGS) acroEditor.replace(sigFlags, String(sigFlags.value | SIG_FLAGS));
  return undefined;
}

function addToAnnots(reader: PdfObjectReader, pageRef: PdfRef, widgetRef: string, editorFor: (ref: PdfRef) => PdfObjectEditor): void {
  const page = reader.dict(pageRef, 'page');
  const annots = dictEntry(page, 'Annots', 'ref', 'array');
  if (!annots) editorFor(pageRef).addEntry(page, 'Annots', `[${widgetRef}]`);
  else if (annots.kind === 'array') editorFor(pageRef).appendToArray(annots, widgetRef);
  else editorFor(annots).appendToArray(reader.array(annots, 'page /Annots'), widgetRef);
}

/** Refuses a second field of the same name: viewers would merge them into one field. */
function assertNameFree(reader: PdfObjectReader, fields: PdfArray, name: string): void {
  for (const item of fields.items) {
    const field = reader.resolve(item);
    if (field.kind !== 'dict') continue;
    const title = dictEntry(field, 'T', 'string');
    if (title && decodeTextString(title.bytes) === name) {
      throw new SigningError('invalid-options', `The PDF already has a form field named "${name}".`);
    }
  }
}

/** The given appearance must be a Form XObject of this file (fail closed on anything else). */
function assertAppearance(reader: PdfObjectReader, num: number): void {
  const object = reader.object(refTo(num, 0));
  const subtype = object.value.kind === 'dict' && object.isStream ? nameValue(object.value, 'Subtype') : undefined;
  if (subtype !== 'Form') throw new SigningError('invalid-options', `Object ${num} is not a Form XObject; it cannot be the signature's appearance.`);
}

function assertFieldName(name: string): void {
  // A period separates the parts of a fully qualified field name (§12.7.3.2).
  if (typeof name !== 'string' || name.length === 0 || name.length > 200 || /[.\p{Cc}]/u.test(name)) {
    throw new SigningError('invalid-options', `"${name}" is not a valid signature field name (non-empty, no period, no control character).`);
  }
}

function assertFieldSpot(field: SignatureFieldSpot): void {
  assertFieldName(field.name);
  if (field.appearance !== undefined && (!Number.isInteger(field.appearance) || field.appearance <= 0)) {
    throw new SigningError('invalid-options', 'The signature appearance must be a positive object number.');
  }
  const [x1, y1, x2, y2] = field.rect ?? [];
  if (field.rect?.length !== 4 || ![x1, y1, x2, y2].every(Number.isFinite) || x2 <= x1 || y2 <= y1) {
    throw new SigningError('invalid-options', 'The signature field rectangle must be [x1, y1, x2, y2] with x1 < x2 and y1 < y2.');
  }
}
