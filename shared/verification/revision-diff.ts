import { differingKeys, parseRevisionBody, refTo, sameNode, type BodyObject, type HistoricalView, type PdfDict, type PdfNode, type PdfRef } from '../pdf-syntax';
import { asStructureError } from './errors';

const MAX_APPEARANCE_OBJECTS = 64;

/**
 * docs/signatures.md "Revision by revision: what may change after a signature": what may change in a revision that adds a later signature (for our
 * copies, the agency's seal after the official's signature). Compared with the revision before:
 * - new objects: only this signature's dictionary, its field/widget(s), their appearance streams
 *   (and resources), and an AcroForm if the catalog had none — all with fresh object numbers;
 * - rewritten objects: the catalog only to add /AcroForm; the AcroForm only to append to /Fields
 *   and set /SigFlags; a page only to append the new widget(s) to /Annots;
 * - nothing else: a changed content stream, font, image, /OpenAction, /Names… fails. So does any
 *   byte of the revision that is not one of the objects its cross-reference section lists.
 * Returns the problems found (Vietnamese), empty when the revision is clean.
 */
export function signatureRevisionProblems(
  prev: HistoricalView, cur: HistoricalView, sig: { objectNum?: number; fieldNum: number }, options: { dss?: DssAllowance } = {},
): string[] {
  try {
    return analyse(prev, cur, sig, options.dss);
  } catch (error) {
    return [`không đọc được bản cập nhật (chi tiết kỹ thuật: ${asStructureError(error).message}).`];
  }
}

/**
 * docs/signatures.md "After the seal": a revision that only adds or refreshes validation data
 * (ETSI EN 319 142-1 §5.4, the catalog's /DSS with its /Certs, /CRLs, /OCSPs and /VRI): the catalog
 * may change only in /DSS, every new or rewritten object must hang under the new /DSS (a rewritten
 * one must also have been added after the seal), and no form field, page or content may change.
 */
export function dssRevisionProblems(prev: HistoricalView, cur: HistoricalView, dss: DssAllowance): string[] {
  try {
    return analyse(prev, cur, undefined, dss);
  } catch (error) {
    return [`không đọc được bản cập nhật (chi tiết kỹ thuật: ${asStructureError(error).message}).`];
  }
}

/**
 * Validation data may be added after the seal. `firstNew` is the /Size of the seal's revision:
 * objects numbered from it on were all written after the seal (new objects may not reuse lower
 * numbers), so only those may be rewritten — never the signed content, even if a DSS points at it.
 */
export interface DssAllowance {
  firstNew: number;
}

/** Objects followed under a /DSS: a copy's chains, CRLs, OCSP responses and VRI fit in far fewer. */
const MAX_DSS_OBJECTS = 2_000;

function analyse(prev: HistoricalView, cur: HistoricalView, sig: { objectNum?: number; fieldNum: number } | undefined, dss: DssAllowance | undefined): string[] {
  const allowDss = dss !== undefined;
  const problems: string[] = [];
  const revision = cur.revision;
  const objects = parseRevisionBody(cur);
  for (const [num, entry] of revision.section) {
    // The cross-reference stream closing the revision lists itself; it is not part of the body.
    if (num === revision.streamNum) continue;
    if (entry === null) {
      if (num !== 0) problems.push(`xóa đối tượng ${num}.`);
      continue;
    }
    const object = objects.get(num);
    if (entry.objectStream !== undefined) problems.push(`đối tượng ${num} nằm trong luồng đối tượng nén (không kiểm tra được).`);
    else if (!object || object.offset !== entry.offset || object.gen !== entry.gen) problems.push(`bảng tham chiếu trỏ đối tượng ${num} tới vị trí không chứa nó.`);
  }
  for (const num of objects.keys()) if (!revision.section.get(num)) problems.push(`đối tượng ${num} nằm trong tệp nhưng không có trong bảng tham chiếu.`);

  const trailer = cur.trailer;
  const prevTrailer = prev.trailer;
  if (!sameNode(trailer.entries.get('Root'), prevTrailer.entries.get('Root'))) problems.push('thay đổi gốc tài liệu (/Root).');
  if (!sameNode(trailer.entries.get('Info'), prevTrailer.entries.get('Info'))) problems.push('thay đổi thông tin tài liệu (/Info).');
  const prevRef = trailer.entries.get('Prev');
  if (prevRef?.kind !== 'number' || prevRef.value !== prev.revision.xrefOffset) problems.push('bản cập nhật không nối tiếp đúng bản trước (/Prev).');

  const added = new Set<number>();
  const changed = new Set<number>();
  for (const num of objects.keys()) (prev.has(num) ? changed : added).add(num);
  for (const num of added) {
    // A number below the old /Size may already be referenced by signed content ("add" attack).
    if (num < prev.revision.size) problems.push(`dùng lại số đối tượng ${num} mà nội dung đã ký có thể đang trỏ tới.`);
  }
  const allowedAdded = new Set<number>();
  const allowedChanged = new Set<number>();

  // Catalog and AcroForm.
  const root = trailer.entries.get('Root');
  if (root?.kind !== 'ref') return [...problems, 'không có gốc tài liệu.'];
  const prevCatalog = prev.dict(root);
  const curCatalog = cur.dict(root);
  if (!prevCatalog || !curCatalog) return [...problems, 'gốc tài liệu không đọc được.'];
  if (changed.has(root.num)) {
    allowedChanged.add(root.num);
    const keys = differingKeys(prevCatalog, curCatalog).filter((key) => key !== 'AcroForm' && !(allowDss && key === 'DSS'));
    if (keys.length) problems.push(`sửa danh mục tài liệu (catalog): ${keys.map((k) => `/${k}`).join(', ')}.`);
  }
  const prevAcroNode = prevCatalog.entries.get('AcroForm');
  const curAcroNode = curCatalog.entries.get('AcroForm');
  const curAcro = cur.dict(curAcroNode) ?? (sig ? undefined : { kind: 'dict', entries: new Map(), start: 0, end: 0 } as PdfDict);
  if (!curAcro) return [...problems, 'chữ ký mới không nằm trong biểu mẫu (AcroForm).'];
  const prevAcro = prev.dict(prevAcroNode) ?? { kind: 'dict', entries: new Map(), start: 0, end: 0 } as PdfDict;
  if (curAcroNode?.kind === 'ref') {
    if (prevAcroNode === undefined && added.has(curAcroNode.num)) allowedAdded.add(curAcroNode.num);
    else if (!sameNode(prevAcroNode, curAcroNode)) problems.push('thay biểu mẫu (AcroForm) bằng một biểu mẫu khác.');
    else if (changed.has(curAcroNode.num)) allowedChanged.add(curAcroNode.num);
  }
  const formKeys = differingKeys(prevAcro, curAcro).filter((key) => key !== 'Fields' && key !== 'SigFlags');
  if (formKeys.length) problems.push(`sửa biểu mẫu (AcroForm): ${formKeys.map((k) => `/${k}`).join(', ')}.`);
  const newFields = appendedItems(prev, cur, prevAcro.entries.get('Fields'), curAcro.entries.get('Fields'), changed, allowedChanged, 'danh sách trường (/Fields)', problems);

  // The new signature field and its widgets.
  const widgets = new Map<number, PdfRef>();
  if (!sig) {
    if (newFields.length > 0) problems.push('bản cập nhật dữ liệu kiểm tra (DSS) lại thêm trường biểu mẫu.');
  } else if (newFields.length !== 1 || newFields[0].num !== sig.fieldNum) problems.push('bản cập nhật thêm trường biểu mẫu khác ngoài đúng trường chữ ký mới.');
  for (const fieldRef of newFields) {
    const field = cur.dict(fieldRef);
    if (!added.has(fieldRef.num) || !field) {
      problems.push(`trường ${fieldRef.num} không phải trường mới.`);
      continue;
    }
    allowedAdded.add(fieldRef.num);
    const ft = field.entries.get('FT');
    const v = field.entries.get('V');
    if (ft?.kind !== 'name' || ft.value !== 'Sig') problems.push(`trường ${fieldRef.num} không phải trường chữ ký.`);
    if (v?.kind === 'ref') {
      if (v.num !== sig?.objectNum || !added.has(v.num)) problems.push(`trường ${fieldRef.num} trỏ tới chữ ký khác.`);
      else allowedAdded.add(v.num);
    }
    const kids = cur.resolve(field.entries.get('Kids'));
    if (kids === undefined) widgets.set(fieldRef.num, fieldRef);
    else if (kids.kind !== 'array') problems.push(`trường ${fieldRef.num} có /Kids sai.`);
    else {
      for (const kid of kids.items) {
        const widget = kid.kind === 'ref' ? cur.dict(kid) : undefined;
        if (kid.kind !== 'ref' || !added.has(kid.num) || !widget || !sameNode(widget.entries.get('Parent'), fieldRef) || widget.entries.has('T')) {
          problems.push(`trường ${fieldRef.num} có thành phần con không hợp lệ.`);
          continue;
        }
        widgets.set(kid.num, kid);
        allowedAdded.add(kid.num);
      }
    }
  }
  for (const ref of widgets.values()) allowAppearance(cur, cur.dict(ref), added, allowedAdded, problems);

  // Pages: only /Annots may grow, and only by the new widgets.
  for (const num of changed) {
    if (allowedChanged.has(num)) continue;
    const prevPage = prev.object(refTo(num, prev.entry(num)!.gen));
    const curPage = objects.get(num)!;
    if (prevPage.value.kind !== 'dict' || curPage.value.kind !== 'dict' || curPage.isStream || !isPage(prevPage.value)) continue;
    const keys = differingKeys(prevPage.value, curPage.value);
    if (keys.some((key) => key !== 'Annots')) continue;
    allowedChanged.add(num);
    const annots = appendedItems(prev, cur, prevPage.value.entries.get('Annots'), curPage.value.entries.get('Annots'), changed, allowedChanged, 'chú thích của trang (/Annots)', problems);
    for (const annot of annots) if (!widgets.has(annot.num)) problems.push(`thêm chú thích ${annot.num} vào trang (không phải ô chữ ký mới).`);
  }
  // An indirect /Annots array of the widget's page.
  for (const ref of widgets.values()) {
    const pageRef = cur.dict(ref)?.entries.get('P');
    const annots = cur.dict(pageRef)?.entries.get('Annots');
    if (annots?.kind === 'ref' && changed.has(annots.num) && !allowedChanged.has(annots.num)) {
      const prevPage = pageRef?.kind === 'ref' && prev.has(pageRef.num) ? prev.dict(pageRef) : undefined;
      const grown = appendedItems(prev, cur, prevPage?.entries.get('Annots'), annots, changed, allowedChanged, 'chú thích của trang (/Annots)', problems);
      for (const annot of grown) if (!widgets.has(annot.num)) problems.push(`thêm chú thích ${annot.num} vào trang (không phải ô chữ ký mới).`);
    }
  }

  if (dss) allowDssObjects(cur, curCatalog, dss, added, changed, allowedAdded, allowedChanged, problems);

  for (const num of added) if (!allowedAdded.has(num)) problems.push(`thêm đối tượng ${num} (${describe(objects.get(num)!)}) không thuộc chữ ký mới.`);
  for (const num of changed) {
    // A rewrite that changes nothing (same value, not a stream) is harmless.
    const object = objects.get(num)!;
    if (!allowedChanged.has(num) && !object.isStream && sameNode(prev.object(refTo(num, prev.entry(num)!.gen)).value, object.value)) {
      allowedChanged.add(num);
    }
  }
  for (const num of changed) if (!allowedChanged.has(num)) problems.push(`sửa đối tượng ${num} (${describe(objects.get(num)!)}) của nội dung đã ký.`);
  return [...new Set(problems)];
}

/**
 * Compares an array (direct or through a reference) before and after: the old items must stay,
 * in order, and the new ones are returned. A rewritten indirect array is accepted as a change.
 */
function appendedItems(
  prev: HistoricalView, cur: HistoricalView, before: PdfNode | undefined, after: PdfNode | undefined,
  changed: Set<number>, allowedChanged: Set<number>, what: string, problems: string[],
): PdfRef[] {
  if (before?.kind === 'ref' && !sameNode(before, after)) {
    problems.push(`thay ${what} bằng một mảng khác.`);
    return [];
  }
  if (after?.kind === 'ref' && changed.has(after.num)) allowedChanged.add(after.num);
  const old = before === undefined ? [] : prev.resolve(before);
  const now = after === undefined ? [] : cur.resolve(after);
  const oldItems = Array.isArray(old) ? old : old?.kind === 'array' ? old.items : undefined;
  const newItems = Array.isArray(now) ? now : now?.kind === 'array' ? now.items : undefined;
  if (!oldItems || !newItems) {
    problems.push(`${what} không phải là mảng.`);
    return [];
  }
  if (newItems.length < oldItems.length || oldItems.some((item, i) => !sameNode(item, newItems[i]))) {
    problems.push(`bớt hoặc đổi phần tử cũ của ${what}.`);
    return [];
  }
  const appended = newItems.slice(oldItems.length);
  if (appended.some((item) => item.kind !== 'ref')) problems.push(`thêm phần tử trực tiếp vào ${what}.`);
  return appended.filter((item): item is PdfRef => item.kind === 'ref');
}

/**
 * Allows what the new /DSS reaches: new objects, and rewritten ones written after the seal (a
 * renewal rewrites the DSS and VRI dictionaries). Objects neither new nor rewritten are left
 * alone: they are unchanged, so pointing at them changes nothing that is shown.
 */
function allowDssObjects(
  cur: HistoricalView, curCatalog: PdfDict, dss: DssAllowance,
  added: Set<number>, changed: Set<number>, allowedAdded: Set<number>, allowedChanged: Set<number>, problems: string[],
): void {
  const after = reachable(cur, curCatalog.entries.get('DSS'), (num) => added.has(num) || (changed.has(num) && num >= dss.firstNew));
  if (after === undefined) return void problems.push('kho dữ liệu kiểm tra (DSS) quá lớn.');
  for (const num of after) (added.has(num) ? allowedAdded : allowedChanged).add(num);
}

/** Object numbers reached from `start`, entering a referenced object only when `enter` allows; undefined beyond the bound. */
function reachable(view: HistoricalView, start: PdfNode | undefined, enter: (num: number) => boolean): Set<number> | undefined {
  const seen = new Set<number>();
  const queue: PdfNode[] = start ? [start] : [];
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (node.kind === 'ref') {
      if (seen.has(node.num) || !enter(node.num)) continue;
      if (seen.size >= MAX_DSS_OBJECTS) return undefined;
      seen.add(node.num);
      queue.push(view.object(node).value);
    } else if (node.kind === 'dict') queue.push(...node.entries.values());
    else if (node.kind === 'array') queue.push(...node.items);
  }
  return seen;
}

/** Allows a widget's appearance streams (/AP /N /R /D) and what their dictionaries reference, when new. */
function allowAppearance(cur: HistoricalView, widget: PdfDict | undefined, added: Set<number>, allowed: Set<number>, problems: string[]): void {
  if (!widget) return;
  const ap = widget.entries.get('AP');
  if (ap?.kind === 'ref') {
    if (!added.has(ap.num)) return void problems.push('ô chữ ký mới dùng lại hình hiển thị đã có.');
    allowed.add(ap.num);
  }
  const queue: PdfNode[] = [];
  const apDict = cur.dict(ap);
  for (const key of ['N', 'R', 'D']) {
    const entry = apDict?.entries.get(key);
    if (entry) queue.push(entry);
  }
  let visited = 0;
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (node.kind === 'ref') {
      if (!added.has(node.num) || allowed.has(node.num)) continue; // old objects are unchanged: fine
      if (++visited > MAX_APPEARANCE_OBJECTS) return void problems.push('hình hiển thị của chữ ký quá phức tạp.');
      allowed.add(node.num);
      queue.push(cur.object(node).value);
    } else if (node.kind === 'dict') queue.push(...node.entries.values());
    else if (node.kind === 'array') queue.push(...node.items);
  }
}

function isPage(dict: PdfDict): boolean {
  const type = dict.entries.get('Type');
  return type?.kind === 'name' && type.value === 'Page';
}

function describe(object: BodyObject): string {
  if (object.value.kind !== 'dict') return object.value.kind === 'array' ? 'mảng' : 'giá trị';
  const type = object.value.entries.get('Type');
  const subtype = object.value.entries.get('Subtype');
  const label = [type, subtype].filter((n) => n?.kind === 'name').map((n) => `/${(n as { value: string }).value}`).join(' ');
  if (object.isStream) return `luồng dữ liệu${label ? ` ${label}` : ''}, ví dụ nội dung trang, ảnh hoặc phông chữ`;
  return label ? `từ điển ${label}` : 'từ điển';
}
