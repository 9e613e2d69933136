import { createHash } from 'node:crypto';
import { PDFArray, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { cleanText } from './text-layout';

/** The application name written as Producer and Creator. */
export const PRODUCER = 'Bản sao điện tử';

/** What goes into the document information dictionary. */
export interface CopyMetadata {
  title: string;
  subject: string;
  verifyCode: string;
  /** The sequence number and the book as on its cover (Decree 23/2015 Art. 13(2)). */
  /** Absent on a closed book's PDF, which is not a line of any book. */
  number?: number;
  book: string;
  createdAt: Date;
}

/**
 * Writes Title, Subject, Producer, Creator, Keywords (with `verify-code:<code>`), the custom
 * `/VerifyCode` text string, the dates, `/Lang vi-VN` and a trailer `/ID` derived from the copy's
 * identity (deterministic, so that composing twice gives the same bytes).
 */
export function applyMetadata(doc: PDFDocument, meta: CopyMetadata): void {
  const info = doc.context.obj({});
  doc.context.trailerInfo.Info = doc.context.register(info);
  doc.setTitle(cleanText(meta.title), { showInWindowTitleBar: true });
  doc.setSubject(cleanText(meta.subject));
  doc.setProducer(PRODUCER);
  doc.setCreator(PRODUCER);
  doc.setKeywords([`verify-code:${meta.verifyCode}`, ...(meta.number !== undefined ? [`number:${meta.number}`] : []), `book:${cleanText(meta.book).replace(/\s+/g, '')}`]);
  doc.setCreationDate(meta.createdAt);
  doc.setModificationDate(meta.createdAt);
  doc.setLanguage('vi-VN');
  info.set(PDFName.of('VerifyCode'), textString(meta.verifyCode));
  const id = createHash('sha256')
    .update(`${meta.verifyCode}\n${meta.number ?? ''}\n${meta.book}\n${meta.createdAt.toISOString()}`)
    .digest('hex')
    .slice(0, 32);
  doc.context.trailerInfo.ID = PDFArray.withContext(doc.context);
  (doc.context.trailerInfo.ID as PDFArray).push(PDFHexString.of(id));
  (doc.context.trailerInfo.ID as PDFArray).push(PDFHexString.of(id));
}

/** A PDF text string: literal when plain ASCII, UTF-16BE hex otherwise (pdf-lib does not escape). */
function textString(value: string): PDFString | PDFHexString {
  return /^[A-Za-z0-9 _.:\-]*$/.test(value) ? PDFString.of(value) : PDFHexString.fromText(value);
}
