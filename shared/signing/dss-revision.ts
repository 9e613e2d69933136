import { createHash } from 'node:crypto';
import {
  appendRevision, dictEntry, filterNames, type GrowingPdf, formatPdfDate, inflateBounded, integerEntry, malformed, PdfObjectEditor, PdfObjectReader, rawBytes,
  rawStreamData, type PdfDict, type PdfNode, type PdfRef, type RevisionObject, type RevisionTrailer,
} from '../pdf-syntax';
import { asSigningError } from './errors';
import type { ValidationData } from './validation-data';

/** The validation data of one signature, for its VRI entry (ISO 32000-2 §12.8.4.4). */
export interface VriSignature {
  /** The signature's /Contents value, the whole decoded byte string (zero padding included). */
  contents: Uint8Array;
  data: ValidationData;
}

export interface VriUpdate {
  /** Written as each entry's /TU: when the validation data was gathered. */
  at: Date;
  signatures: VriSignature[];
}

/** The DSS arrays (ISO 32000-2 §12.8.4.3, Table 261) and the VRI key of each. */
const KINDS = [
  { dss: 'Certs', vri: 'Cert', of: (data: ValidationData) => data.certificates },
  { dss: 'CRLs', vri: 'CRL', of: (data: ValidationData) => data.crls },
  { dss: 'OCSPs', vri: 'OCSP', of: (data: ValidationData) => data.ocspResponses },
] as const;

/** An earlier DSS stream is read to compare it with ours; none of ours is near this. */
const MAX_DSS_OBJECT = 4 * 1024 * 1024;

/**
 * The VRI key of a signature (ISO 32000-2 §12.8.4.4): the SHA-1 of its /Contents value, the whole
 * byte string, in uppercase hexadecimal.
 */
export function vriKey(contents: Uint8Array): string {
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

/**
 * Appends one incremental update that adds `data` (and, per signature, VRI entries) to the
 * catalog's Document Security Store (ISO 32000-2 §12.8.4.3; PAdES B-LT, ETSI EN 319 142-1 §6.3),
 * creating the DSS if there is none. Each DER object becomes one stream, and an object already in
 * the DSS — by its decoded bytes — is referred to again rather than written twice. An earlier
 * DSS keeps its arrays and VRI entries; a VRI entry for the same signature is replaced. Only the
 * DSS object (or, when it is new or was a direct dictionary, the catalog) is rewritten: the
 * earlier signatures stay valid.
 */
export function appendValidationData(pdf: Uint8Array, data: ValidationData, vri?: VriUpdate): Uint8Array {
  try {
    const input = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.length);
    return dssRevision(input, data, vri, (objects, trailer) => appendRevision(input, objects, trailer).pdf);
  } catch (error) {
    throw asSigningError(error);
  }
}

/** The same update written into `file` in place, without another copy of the whole file (extendToLta). */
export function appendValidationDataTo(file: GrowingPdf, data: ValidationData, vri?: VriUpdate): void {
  try {
    dssRevision(file.pdf, data, vri, (objects, trailer) => file.append(objects, trailer).pdf);
  } catch (error) {
    throw asSigningError(error);
  }
}

function dssRevision(
  input: Buffer, data: ValidationData, vri: VriUpdate | undefined, write: (objects: RevisionObject[], trailer: RevisionTrailer) => Buffer,
): Buffer {
  const reader = new PdfObjectReader(input);
  const { trailer, size, startxref, format } = reader.xref;
  const catalogRef = dictEntry(trailer, 'Root', 'ref')!;
  const catalogObject = reader.object(catalogRef);
  const catalog = reader.dict(catalogRef, 'document catalog');
  const dssNode = dictEntry(catalog, 'DSS', 'ref', 'dict');
  const earlier = dssNode ? readDss(reader, dssNode, catalogObject.source) : undefined;

  let next = size;
  const objects: RevisionObject[] = [];
  const arrays = new Map<string, string[]>();
  const known = new Map<string, string>();
  for (const kind of KINDS) {
    const refs = earlier?.arrays.get(kind.dss) ?? [];
    arrays.set(kind.dss, refs.map((ref) => ref.text));
    for (const ref of refs) known.set(`${kind.dss}:${ref.hash}`, ref.text);
  }
  // One stream per distinct DER object; the same object met again is the same reference.
  const streamOf = (kind: (typeof KINDS)[number], der: Uint8Array): string => {
    const id = `${kind.dss}:${sha256(der)}`;
    let ref = known.get(id);
    if (!ref) {
      const num = next++;
      ref = `${num} 0 R`;
      objects.push({ num, gen: 0, body: Buffer.concat([Buffer.from(`<< /Length ${der.length} >>\nstream\n`, 'latin1'), der, Buffer.from('\nendstream', 'latin1')]) });
      known.set(id, ref);
      arrays.get(kind.dss)!.push(ref);
    }
    return ref;
  };
  for (const kind of KINDS) for (const der of kind.of(data)) streamOf(kind, der);

  const vriEntries = new Map(earlier?.vri ?? []);
  for (const signature of vri?.signatures ?? []) {
    const lists = KINDS
      .map((kind) => ({ key: kind.vri, refs: [...new Set(kind.of(signature.data).map((der) => streamOf(kind, der)))] }))
      .filter((list) => list.refs.length > 0)
      .map((list) => ` /${list.key} [${list.refs.join(' ')}]`);
    vriEntries.set(vriKey(signature.contents), `<<${lists.join('')} /TU ${formatPdfDate(vri!.at)} >>`);
  }

  const entries = [
    '/Type /DSS',
    ...KINDS.filter((kind) => arrays.get(kind.dss)!.length > 0).map((kind) => `/${kind.dss} [${arrays.get(kind.dss)!.join(' ')}]`),
    ...(vriEntries.size ? [`/VRI << ${[...vriEntries].map(([key, value]) => `/${key} ${value}`).join(' ')} >>`] : []),
    ...(earlier?.other ?? []),
  ];
  const body = Buffer.from(`<< ${entries.join('\n')} >>`, 'latin1');

  if (dssNode?.kind === 'ref') {
    objects.push({ num: dssNode.num, gen: dssNode.gen, body });
  } else {
    const num = next++;
    objects.push({ num, gen: 0, body });
    const editor = new PdfObjectEditor(catalogObject);
    if (dssNode) editor.replace(dssNode, `${num} 0 R`);
    else editor.addEntry(catalog, 'DSS', `${num} 0 R`);
    objects.push({ num: catalogRef.num, gen: catalogRef.gen, body: editor.body() });
  }
  const carried: Record<string, string> = {};
  for (const key of ['Root', 'Info', 'ID']) {
    const node = trailer.entries.get(key);
    if (node) carried[key] = rawBytes(input, node);
  }
  return write(objects, { size: next, prev: startxref, carried, format });
}

interface EarlierDss {
  arrays: Map<string, { text: string; hash: string }[]>;
  /** VRI entries by key, as PDF text copied from the file. */
  vri: Map<string, string>;
  /** Entries we do not manage (e.g. /TS of another writer), copied as they are. */
  other: string[];
}

/** The earlier DSS: the references in its arrays with the hash of each stream's decoded data, its VRI entries. */
function readDss(reader: PdfObjectReader, node: PdfRef | PdfDict, catalogSource: Uint8Array): EarlierDss {
  const object = node.kind === 'ref' ? reader.object(node) : undefined;
  const dss = object ? object.value : node;
  if (dss.kind !== 'dict' || object?.isStream) throw malformed('The catalog /DSS is not a dictionary.');
  const source = object ? object.source : catalogSource;
  const arrays = new Map<string, { text: string; hash: string }[]>();
  for (const kind of KINDS) {
    const value = reader.resolve(dss.entries.get(kind.dss));
    if (value === undefined || value.kind === 'null') continue;
    if (value.kind !== 'array') throw malformed(`The DSS /${kind.dss} is not an array.`);
    arrays.set(kind.dss, value.items.map((item) => {
      if (item.kind !== 'ref') throw malformed(`The DSS /${kind.dss} holds something other than references to streams.`);
      return { text: `${item.num} ${item.gen} R`, hash: sha256(streamData(reader, item)) };
    }));
  }
  const vri = new Map<string, string>();
  const vriNode = dss.entries.get('VRI');
  const vriValue = vriNode?.kind === 'ref' ? reader.object(vriNode) : undefined;
  const vriDict = vriValue ? vriValue.value : vriNode;
  if (vriDict?.kind === 'dict') {
    const vriSource = vriValue ? vriValue.source : source;
    for (const [key, value] of vriDict.entries) vri.set(key, rawBytes(vriSource, value));
  }
  const other = [...dss.entries]
    .filter(([key]) => !['Type', 'VRI', ...KINDS.map((kind) => kind.dss)].includes(key))
    .map(([key, value]) => `/${key} ${rawBytes(source, value)}`);
  return { arrays, vri, other };
}

/** A DSS stream's decoded data: unfiltered (as we write them) or FlateDecode (as some writers do). */
function streamData(reader: PdfObjectReader, ref: PdfRef): Uint8Array {
  const object = reader.object(ref);
  if (!object.isStream || object.value.kind !== 'dict') throw malformed(`DSS object ${ref.num} is not a stream.`);
  const length = integerEntry(resolvedLength(reader, object.value), 'Length');
  if (length === undefined) throw malformed(`DSS stream ${ref.num} has no /Length.`);
  const raw = rawStreamData(object, length);
  const filters = filterNames(object.value);
  if (filters.length === 0) return raw;
  if (filters.length === 1 && (filters[0] === 'FlateDecode' || filters[0] === 'Fl')) return inflateBounded(raw, MAX_DSS_OBJECT);
  throw malformed(`DSS stream ${ref.num} uses the filters ${filters.join(', ')}, which are not read here.`);
}

/** The stream dictionary with an indirect /Length resolved, so integerEntry can read it. */
function resolvedLength(reader: PdfObjectReader, dict: PdfDict): PdfDict {
  const length = dict.entries.get('Length');
  if (length?.kind !== 'ref') return dict;
  const value: PdfNode = reader.resolve(length);
  return { ...dict, entries: new Map([...dict.entries, ['Length', value]]) };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
