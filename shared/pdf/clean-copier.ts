import {
  PDFArray,
  PDFDict,
  PDFInvalidObject,
  PDFName,
  PDFNull,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { rawStream } from './raw-stream';
import { OriginalFormatError } from './types';

/**
 * Copies what a page's content needs (its resources) from an original into the copy, and nothing
 * that acts or hides (docs/signatures.md, "What the signed copy carries"): entries that carry actions, JavaScript, optional
 * content membership, external references or page structure are dropped, and a reference that
 * leads to a catalog, page, annotation, action, form field or file becomes null. Stream data is
 * shared with the original, not duplicated. Unlike pdf-lib's PDFObjectCopier it never copies a
 * page dictionary, so annotations cannot ride along as orphan objects.
 */
export class CleanCopier {
  private readonly mapped = new Map<PDFObject, PDFObject>();
  private copied = 0;

  constructor(
    private readonly src: PDFContext,
    private readonly dest: PDFContext,
    private readonly maxObjects = 1_000_000,
    /** Called with every stream that is copied (inspection checks them; see stream-guard.ts). */
    private readonly onStream?: (stream: PDFRawStream) => void,
  ) {}

  /** Copies `object` (direct or indirect) with everything it references, cleaned. */
  copy(object: PDFObject | undefined): PDFObject {
    if (object === undefined || object instanceof PDFInvalidObject) return PDFNull;
    if (object instanceof PDFRef) return this.copyRef(object);
    if (object instanceof PDFDict) return this.copyDict(object);
    if (object instanceof PDFArray) return this.copyArray(object);
    if (object instanceof PDFStream) return this.copyStream(object);
    return object; // names, numbers, strings, booleans, null: immutable, shared
  }

  private copyRef(ref: PDFRef): PDFObject {
    const known = this.mapped.get(ref);
    if (known) return known;
    const target = this.src.lookup(ref);
    if (target === undefined || isForbidden(target)) {
      this.mapped.set(ref, PDFNull);
      return PDFNull;
    }
    const newRef = this.dest.nextRef();
    this.mapped.set(ref, newRef);
    this.dest.assign(newRef, this.copy(target));
    return newRef;
  }

  private copyDict(dict: PDFDict): PDFObject {
    if (isForbidden(dict)) return PDFNull;
    const out = PDFDict.withContext(this.dest);
    this.count();
    for (const [key, value] of dict.entries()) {
      if (DROPPED_KEYS.has(key.asString())) continue;
      out.set(key, this.copy(value));
    }
    return out;
  }

  private copyArray(array: PDFArray): PDFArray {
    const out = PDFArray.withContext(this.dest);
    this.count();
    for (let i = 0; i < array.size(); i++) out.push(this.copy(array.get(i)));
    return out;
  }

  private copyStream(stream: PDFStream): PDFObject {
    if (!(stream instanceof PDFRawStream) || isForbidden(stream.dict)) return PDFNull;
    this.onStream?.(stream);
    const dict = this.copyDict(stream.dict);
    return dict instanceof PDFDict ? rawStream(dict, stream.contents) : PDFNull;
  }

  private count(): void {
    if (++this.copied > this.maxObjects) throw new OriginalFormatError('tệp PDF có quá nhiều đối tượng trong tài nguyên trang.');
  }
}

/** Entries never carried over: actions, scripts, optional content, external data, structure. */
const DROPPED_KEYS = new Set(
  ['/A', '/AA', '/JS', '/JavaScript', '/OC', '/OPI', '/Ref', '/PieceInfo', '/Metadata', '/Parent', '/Annots',
    '/OpenAction', '/AcroForm', '/Names', '/Outlines', '/OCProperties', '/EmbeddedFiles', '/URI', '/F', '/FFilter', '/FDecodeParms',
    '/StructParent', '/StructParents'],
);

/** Object types that have no business in a page's resources. */
const FORBIDDEN_TYPES = new Set(
  ['/Catalog', '/Pages', '/Page', '/Annot', '/Action', '/Filespec', '/EmbeddedFile', '/Outlines', '/Sig', '/DocTimeStamp',
    '/StructTreeRoot', '/StructElem', '/XRef', '/ObjStm', '/Encrypt'],
);

function isForbidden(object: PDFObject): boolean {
  const dict = object instanceof PDFStream ? object.dict : object;
  if (!(dict instanceof PDFDict)) return false;
  const type = dict.get(PDFName.of('Type'));
  if (type instanceof PDFName && FORBIDDEN_TYPES.has(type.asString())) return true;
  if (dict.has(PDFName.of('Subtype')) && dict.get(PDFName.of('Subtype')) === PDFName.of('PS')) return true; // PostScript XObject
  // An action dictionary without /Type (allowed by the spec) is still an action.
  const s = dict.get(PDFName.of('S'));
  return s instanceof PDFName && ACTION_TYPES.has(s.asString());
}

const ACTION_TYPES = new Set(
  ['/JavaScript', '/Launch', '/URI', '/SubmitForm', '/ResetForm', '/ImportData', '/GoTo', '/GoToR', '/GoToE', '/Named',
    '/Rendition', '/Sound', '/Movie', '/Hide', '/SetOCGState', '/Trans', '/GoTo3DView', '/RichMediaExecute', '/Thread'],
);
