import type { PdfDict, PdfNode, PdfRef } from './objects';

/** Keys whose values differ structurally (added, removed or changed). */
export function differingKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()]);
  return [...keys].filter((key) => !sameNode(a.entries.get(key), b.entries.get(key)));
}

/** Structural equality of two PDF values, ignoring where they are in the file. */
export function sameNode(a: PdfNode | undefined, b: PdfNode | undefined, depth = 0): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind !== b.kind || depth > 64) return false;
  switch (a.kind) {
    case 'dict': {
      const other = (b as PdfDict).entries;
      if (a.entries.size !== other.size) return false;
      for (const [key, value] of a.entries) if (!sameNode(value, other.get(key), depth + 1)) return false;
      return true;
    }
    case 'array': {
      const items = (b as typeof a).items;
      return a.items.length === items.length && a.items.every((item, i) => sameNode(item, items[i], depth + 1));
    }
    case 'ref':
      return a.num === (b as PdfRef).num && a.gen === (b as PdfRef).gen;
    case 'string':
      return Buffer.from(a.bytes).equals(Buffer.from((b as typeof a).bytes));
    default:
      return a.value === (b as typeof a).value;
  }
}
