import { malformed } from './errors';
import { parseIndirectObjectAt } from './indirect-object';
import type { PdfIndirectObject, PdfNode, PdfRef } from './objects';
import { objectFromStream, readObjectStream, type ObjectStream } from './object-stream';
import type { WorkBudget } from './work-budget';
import type { XrefEntry } from './xref-section';

/** Finds the cross-reference entry of an object number: undefined when unknown, null when freed. */
export type EntryLookup = (num: number) => XrefEntry | null | undefined;

/**
 * Object access through one view of the cross-reference entries, for objects at byte offsets and
 * objects compressed in object streams alike (§7.5.7). Every parse is paid from the budget.
 */
export class ObjectResolver {
  private readonly cache = new Map<number, PdfIndirectObject>();
  private readonly streams = new Map<number, ObjectStream>();

  constructor(
    readonly buf: Uint8Array,
    private readonly lookup: EntryLookup,
    protected readonly budget: WorkBudget,
    /** Objects must start before this offset (the end of the revision being viewed). */
    private readonly endBound = buf.length,
    /**
     * Objects at byte offsets already parsed by another view of the same file. The bytes at an
     * offset parse the same whichever revision looks (parseIndirectObjectAt reads no window),
     * and each revision's view otherwise parses every unchanged object again.
     */
    private readonly parsedAt = new Map<number, PdfIndirectObject>(),
  ) {}

  /** The cross-reference entry of an object number in this view. */
  entry(num: number): XrefEntry | null | undefined {
    return this.lookup(num);
  }

  /** Whether the object number is in use in this view. */
  has(num: number): boolean {
    return !!this.lookup(num);
  }

  /** Where the object's bytes are in the file: its own offset, or that of its object stream. */
  offsetOf(ref: PdfRef): number {
    const entry = this.lookup(ref.num);
    if (!entry || entry.gen !== ref.gen) throw malformed(`object ${ref.num} ${ref.gen} R does not exist`);
    if (entry.objectStream === undefined) return entry.offset;
    const holder = this.lookup(entry.objectStream);
    if (!holder || holder.objectStream !== undefined) throw malformed(`object ${ref.num} is in ${entry.objectStream}, which is not an object stream at a byte offset`);
    return holder.offset;
  }

  /** The indirect object a reference points to. */
  object(ref: PdfRef): PdfIndirectObject {
    const cached = this.cache.get(ref.num);
    if (cached && cached.gen === ref.gen) return cached;
    const offset = this.offsetOf(ref);
    if (offset >= this.endBound) throw malformed(`object ${ref.num} lies after the end of its revision`);
    const entry = this.lookup(ref.num)!;
    const shared = entry.objectStream === undefined ? this.parsedAt.get(offset) : undefined;
    if (shared && shared.num === ref.num && shared.gen === ref.gen) {
      this.cache.set(ref.num, shared);
      return shared;
    }
    this.budget.spend('objectsParsed');
    const parsed = entry.objectStream === undefined
      ? parseIndirectObjectAt(this.buf, offset, ref.num, ref.gen)
      : objectFromStream(this.objectStream(entry.objectStream, offset), entry.index, ref.num);
    this.cache.set(ref.num, parsed);
    if (entry.objectStream === undefined) this.parsedAt.set(offset, parsed);
    return parsed;
  }

  /** Follows a reference (if it is one) and returns the direct value. */
  resolve(node: PdfNode): PdfNode;
  resolve(node: PdfNode | undefined): PdfNode | undefined;
  resolve(node: PdfNode | undefined): PdfNode | undefined {
    return node?.kind === 'ref' ? this.object(node).value : node;
  }

  private objectStream(num: number, offset: number): ObjectStream {
    const cached = this.streams.get(num);
    if (cached) return cached;
    const holder = this.lookup(num)!;
    this.budget.spend('objectsParsed');
    const stream = parseIndirectObjectAt(this.buf, offset, num, holder.gen);
    const length = stream.value.kind === 'dict' ? stream.value.entries.get('Length') : undefined;
    // An indirect /Length must sit at a byte offset: a chain through other object streams could loop.
    const lengthValue = length?.kind === 'ref' && this.lookup(length.num)?.objectStream === undefined ? this.resolve(length) : length;
    if (lengthValue?.kind !== 'number') throw malformed(`object stream ${num} has no usable /Length`);
    const decoded = readObjectStream(stream, lengthValue.value, this.budget);
    this.streams.set(num, decoded);
    return decoded;
  }
}
