import type { HistoricalView } from './historical-view';
import { PdfLexer } from './lexer';
import type { PdfNode } from './objects';

/** One indirect object as written in a revision's body. */
export interface BodyObject {
  offset: number;
  gen: number;
  value: PdfNode;
  isStream: boolean;
}

/** Objects one signature revision may hold: sig dict, field/widget, appearance, form, page. */
const MAX_OBJECTS_PER_SIGNATURE_REVISION = 200;

/** Parses the body of a revision (§7.5.6), the bytes between the previous %%EOF and its cross-reference section: objects and nothing else. */
export function parseRevisionBody(view: HistoricalView): Map<number, BodyObject> {
  const { buf, revision } = view;
  const lexer = new PdfLexer(buf, revision.start);
  const objects = new Map<number, BodyObject>();
  for (;;) {
    lexer.skipWhitespace();
    if (lexer.pos >= revision.xrefOffset) break;
    if (objects.size >= MAX_OBJECTS_PER_SIGNATURE_REVISION) lexer.fail('too many objects in a signature revision');
    const offset = lexer.pos;
    const num = lexer.readUnsignedInt('an object number');
    const gen = lexer.readUnsignedInt('a generation number');
    lexer.expectKeyword('obj');
    const value = lexer.parseValue();
    lexer.skipWhitespace();
    const keyword = lexer.readToken();
    let isStream = false;
    if (keyword === 'stream') {
      isStream = true;
      skipStreamData(view, lexer, value);
      lexer.expectKeyword('endstream');
      lexer.expectKeyword('endobj');
    } else if (keyword !== 'endobj') lexer.fail(`object ${num} is not closed by endobj`);
    if (objects.has(num)) lexer.fail(`object ${num} appears twice in one revision`);
    objects.set(num, { offset, gen, value, isStream });
  }
  if (lexer.pos !== revision.xrefOffset) lexer.fail('bytes between the last object and the xref section');
  return objects;
}

function skipStreamData(view: HistoricalView, lexer: PdfLexer, value: PdfNode): void {
  const { buf } = lexer;
  if (buf[lexer.pos] === 0x0d && buf[lexer.pos + 1] === 0x0a) lexer.pos += 2;
  else if (buf[lexer.pos] === 0x0a) lexer.pos += 1;
  else lexer.fail('stream keyword not followed by an end-of-line');
  const length = value.kind === 'dict' ? view.resolve(value.entries.get('Length')) : undefined;
  if (length?.kind !== 'number' || !Number.isSafeInteger(length.value) || length.value < 0) lexer.fail('stream without a valid /Length');
  if (lexer.pos + length.value > view.revision.xrefOffset) lexer.fail('stream runs past its revision');
  lexer.pos += length.value;
}
