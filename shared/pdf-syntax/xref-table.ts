import type { PdfLexer } from './lexer';
import type { WorkBudget } from './work-budget';
import type { XrefEntries, XrefSection } from './xref-section';

/** Parses a classic `xref … trailer <<…>>` section (§7.5.4, §7.5.5); the lexer stands after `xref`. */
export function readXrefTable(lexer: PdfLexer, offset: number, budget: WorkBudget): XrefSection {
  const entries: XrefEntries = new Map();
  for (;;) {
    lexer.skipWhitespace();
    const mark = lexer.pos;
    if (lexer.readToken() === 'trailer') break;
    lexer.pos = mark;
    const first = lexer.readUnsignedInt('the first object number of an xref subsection');
    const count = lexer.readUnsignedInt('the entry count of an xref subsection');
    budget.spend('xrefEntries', count);
    for (let i = 0; i < count; i++) readEntry(lexer, first + i, entries);
  }
  const trailer = lexer.parseValue();
  if (trailer.kind !== 'dict') lexer.fail('the trailer is not a dictionary');
  return { offset, format: 'table', entries, trailer, end: trailer.end };
}

function readEntry(lexer: PdfLexer, num: number, entries: XrefEntries): void {
  const offset = lexer.readUnsignedInt('an xref entry offset');
  const gen = lexer.readUnsignedInt('an xref entry generation');
  lexer.skipWhitespace();
  const type = lexer.readToken();
  if (type !== 'n' && type !== 'f') lexer.fail(`xref entry type "${type}" for object ${num}`);
  if (entries.has(num)) return;
  entries.set(num, type === 'n' ? { offset, gen } : null);
}
