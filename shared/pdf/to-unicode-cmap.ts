/**
 * The /ToUnicode CMap of a Type0 font with 2-byte glyph-id codes (ISO 32000-1 §9.10.3): what lets
 * viewers, search and pdftotext turn the drawn glyphs back into text.
 */

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** A code point as UTF-16BE hex (a surrogate pair above the BMP). */
function utf16Hex(codePoint: number): string {
  if (codePoint < 0x10000) return hex4(codePoint);
  const v = codePoint - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}

/** bfchar entries per block: the CMap syntax allows at most 100. */
const BLOCK = 100;

/** The CMap program mapping each glyph id to the text it stands for. */
export function toUnicodeCMap(mapping: ReadonlyMap<number, readonly number[]>): string {
  const entries = [...mapping].filter(([, cps]) => cps.length > 0).sort(([a], [b]) => a - b);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += BLOCK) {
    const block = entries.slice(i, i + BLOCK);
    blocks.push(`${block.length} beginbfchar\n${block.map(([gid, cps]) => `<${hex4(gid)}> <${cps.map(utf16Hex).join('')}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
