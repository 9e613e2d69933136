/**
 * The one PDF syntax layer (ISO 32000-1 §7): lexer and objects, cross-reference tables and
 * streams, object streams, revisions and their historical views, the incremental writer and
 * object editor, structural comparison and text strings. It imports nothing from signing,
 * verification or pdf; they import it. This door lists only what they use: the xref, object-stream
 * and startxref readers behind readXrefIndex / readRevisionChain stay inside the layer.
 */
export { differingKeys, sameNode } from './compare';
export { malformed, PdfSyntaxError, type PdfSyntaxErrorCode } from './errors';
export { HistoricalView } from './historical-view';
export { appendRevision, GrowingPdf, type RevisionObject, type RevisionTrailer, type WrittenRevision } from './incremental-writer';
export { parseIndirectObjectAt, rawStreamData } from './indirect-object';
export { HEX_VALUE, isDelimiter, latin1, PdfLexer, type LexerLimits } from './lexer';
export { PdfObjectEditor } from './object-editor';
export { PdfObjectReader } from './object-reader';
export {
  dictEntry, integerEntry, nameValue, rawBytes, refTo,
  type PdfArray, type PdfDict, type PdfIndirectObject, type PdfKeyword, type PdfName, type PdfNode, type PdfNumber, type PdfRef, type PdfString,
} from './objects';
export { findPageRef } from './page-tree';
export { parseRevisionBody, type BodyObject } from './revision-body';
export { readRevisionChain, type Revision, type RevisionChain } from './revisions';
export { filterNames, inflateBounded } from './stream-filters';
export { decodeTextString, encodeTextString, formatPdfDate, formatPdfNumber } from './text-string';
export { DEFAULT_LIMITS, WorkBudget, type WorkKind, type WorkLimits } from './work-budget';
export { readXrefIndex, type XrefIndex } from './xref-index';
