import { malformed } from './errors';
import type { PdfObjectReader } from './object-reader';
import { dictEntry, type PdfDict, type PdfRef } from './objects';

/** Finds the page object at a zero-based index by walking /Pages (§7.7.3.2), skipping subtrees by /Count; RangeError when there is no such page. */
export function findPageRef(reader: PdfObjectReader, catalog: PdfDict, pageIndex: number): PdfRef {
  const root = dictEntry(catalog, 'Pages', 'ref');
  if (!root) throw malformed('The catalog has no /Pages reference.');
  const total = countOf(reader.dict(root, 'page tree root'));
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= total) {
    throw new RangeError(`Page index ${pageIndex} is outside the document (${total} pages).`);
  }
  const visited = new Set<number>();
  let node = root;
  let remaining = pageIndex;
  for (;;) {
    if (visited.has(node.num)) throw malformed('The page tree contains a cycle.');
    visited.add(node.num);
    const kids = dictEntry(reader.dict(node, 'page tree node'), 'Kids', 'array');
    if (!kids) throw malformed(`Page tree node ${node.num} has no /Kids.`);
    let next: PdfRef | undefined;
    for (const kid of kids.items) {
      if (kid.kind !== 'ref') throw malformed('A /Kids entry is not a reference.');
      const kidDict = reader.dict(kid, 'page tree node');
      if (!isPagesNode(kidDict)) {
        if (remaining === 0) return kid;
        remaining--;
        continue;
      }
      const count = countOf(kidDict);
      if (remaining < count) {
        next = kid;
        break;
      }
      remaining -= count;
    }
    // /Count said the page exists but the kids ran out: the tree is inconsistent.
    if (!next) throw malformed('The page tree /Count does not match its /Kids.');
    node = next;
  }
}

function isPagesNode(dict: PdfDict): boolean {
  const type = dictEntry(dict, 'Type', 'name');
  return type ? type.value === 'Pages' : dict.entries.has('Kids');
}

function countOf(pages: PdfDict): number {
  const count = dictEntry(pages, 'Count', 'number');
  if (!count || !Number.isInteger(count.value) || count.value < 0) {
    throw malformed('A page tree node has no valid /Count.');
  }
  return count.value;
}
