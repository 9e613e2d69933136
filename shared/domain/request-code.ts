/**
 * The short code of a request (mã hồ sơ), read out over the phone and typed into the official's
 * search instead of the request's UUID: the agency's prefix, the Vietnam day of filing (yymmdd)
 * and the agency's sequence of that day, e.g. "UPBD-261205-0007". No legal text prescribes its
 * form (it is not the number of a certified copy, Decree 23/2015 Art. 13, nor of an appointment
 * slip); this one is the service's choice. Kept free of zod: the page imports it.
 */

/** The agency's prefix: the initials of the words of its id, e.g. "ubnd-phuong-ba-dinh" → "UPBD". */
export function requestCodePrefix(agencyId: string): string {
  const initials = agencyId
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase())
    .join('');
  // Short ids still give a prefix of at least two letters; long ones are cut to stay speakable.
  return (initials.length >= 2 ? initials : `${initials}XX`.slice(0, 2)).slice(0, 6);
}

/** "UPBD-261205-0007": prefix, Vietnam day as yymmdd, the day's sequence (at least 4 digits). */
export function formatRequestCode(prefix: string, isoDay: string, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`Request code sequence must be a positive integer (got ${String(seq)})`);
  const m = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) throw new RangeError(`Not an ISO day: ${isoDay}`);
  return `${prefix}-${m[1]}${m[2]}${m[3]}-${String(seq).padStart(4, '0')}`;
}

/** What a person types: any case, spaces or a missing dash around the parts. "upbd 261205 7" → "UPBD-261205-0007". */
export function normaliseRequestCode(input: string): string | undefined {
  const m = /^\s*([A-Za-z0-9]{2,6})[\s-]*(\d{6})[\s-]*(\d{1,9})\s*$/.exec(input);
  if (!m) return undefined;
  return `${m[1].toUpperCase()}-${m[2]}-${m[3].padStart(4, '0')}`;
}

/** The code shown for a request: its own, or for a request filed before codes the first 8 characters of its id. */
export function displayRequestCode(r: { code?: string; id: string }): string {
  return r.code ?? r.id.slice(0, 8).toUpperCase();
}
