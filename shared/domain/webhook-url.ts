/**
 * Where the service may POST a webhook (issue 21 item 5): the SSRF rule, pure. A subscription URL
 * names a host; the delivery adapter (shared/notify/webhook-target.ts) resolves it, asks
 * `addressAllowed` of EVERY address, and connects to the address it checked — at subscription time
 * and again at each delivery, so a name that later resolves to 169.254.169.254 is refused then.
 *
 * Policy (docs/webhooks.md "SSRF policy"):
 * - `https:` only, no user name or password in the URL, no fragment, at most 2,048 characters;
 * - port 443, or 1024–65535 (a receiver behind a reverse proxy on 8443 is common; below 1024 sit
 *   the well-known services — SMTP, SSH, LDAP… — which a POST must not be aimed at);
 * - every address the host resolves to is a public unicast address (below); one private answer
 *   refuses the whole name, so a name cannot mix a public and a private address;
 * - local stack only (`loopback: true`, set by infra/local/stack.ts, never by infra/): `http:` or
 *   `https:` to a loopback address (127.0.0.0/8, ::1, `localhost`) on any port, so tests can receive.
 */
export interface WebhookUrlPolicy {
  /** Local stack only: loopback receivers are allowed (http or https, any port). */
  loopback: boolean;
}

export type UrlCheck = { ok: true; url: URL; host: string } | { ok: false; reason: string };

export const MAX_WEBHOOK_URL_LENGTH = 2048;

const refuse = (reason: string): UrlCheck => ({ ok: false, reason });

/** The URL's own shape; the addresses of a host name are checked by `addressAllowed` after resolving. */
export function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy): UrlCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return refuse(`Địa chỉ nhận sự kiện dài quá ${MAX_WEBHOOK_URL_LENGTH} ký tự.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('Địa chỉ nhận sự kiện (url) không phải là một URL hợp lệ.');
  }
  if (url.username || url.password) return refuse('Địa chỉ nhận sự kiện không được chứa tên đăng nhập hay mật khẩu.');
  if (url.hash) return refuse('Địa chỉ nhận sự kiện không được chứa phần "#…".');
  // The WHATWG parser already turned 0x7f.1, 2130706433 and the like into dotted quads.
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname.replace(/\.$/, '');
  const loopback = policy.loopback && (host === 'localhost' || isLoopback(host));
  // The address first: for http://169.254.169.254/ the reason that matters is the address, not the scheme.
  if (isIp(host) && !addressAllowed(host, policy)) return refuse(`Địa chỉ nhận sự kiện trỏ tới địa chỉ ${host}, không phải địa chỉ công khai trên Internet (nội bộ, loopback, link-local hoặc dành riêng).`);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return refuse('Địa chỉ nhận sự kiện phải dùng https://.');
  const port = url.port === '' ? 443 : Number(url.port);
  if (!loopback && port !== 443 && port < 1024) return refuse('Cổng của địa chỉ nhận sự kiện phải là 443 hoặc từ 1024 trở lên.');
  if (!loopback && /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i.test(host)) return refuse('Địa chỉ nhận sự kiện phải là một địa chỉ công khai trên Internet.');
  return { ok: true, url, host };
}

/** True for an address the service may connect to: public unicast, or loopback under the local policy. */
export function addressAllowed(address: string, policy: WebhookUrlPolicy): boolean {
  const v4 = ipv4Of(address);
  if (v4 !== undefined) return (policy.loopback && inV4(v4, '127.0.0.0', 8)) || v4Public(v4);
  const v6 = expandIpv6(address);
  if (!v6) return false;
  const mapped = mappedV4(v6);
  if (mapped !== undefined) return (policy.loopback && inV4(mapped, '127.0.0.0', 8)) || v4Public(mapped);
  if (policy.loopback && v6.every((g, i) => g === (i === 7 ? 1 : 0))) return true;
  return v6Public(v6);
}

const isIp = (host: string): boolean => ipv4Of(host) !== undefined || expandIpv6(host) !== undefined;
const isLoopback = (host: string): boolean => {
  const v4 = ipv4Of(host);
  if (v4 !== undefined) return inV4(v4, '127.0.0.0', 8);
  const v6 = expandIpv6(host);
  if (!v6) return false;
  const mapped = mappedV4(v6);
  return mapped !== undefined ? inV4(mapped, '127.0.0.0', 8) : v6.every((g, i) => g === (i === 7 ? 1 : 0));
};

/** A dotted quad as a 32-bit number, or undefined. */
export function ipv4Of(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

function inV4(ip: number, net: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((ip & mask) >>> 0) === ((ipv4Of(net)! & mask) >>> 0);
}

/**
 * IANA IPv4 Special-Purpose Address Registry (RFC 6890 and updates) plus multicast and the
 * reserved block: none of these is a public receiver.
 */
const V4_NOT_PUBLIC: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // CGNAT, RFC 6598
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, incl. the cloud metadata service 169.254.169.254
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. broadcast 255.255.255.255
];
const v4Public = (ip: number): boolean => !V4_NOT_PUBLIC.some(([net, bits]) => inV4(ip, net, bits));

/** An IPv6 address as its eight 16-bit groups (embedded dotted quad allowed, zone refused), or undefined. */
export function expandIpv6(text: string): number[] | undefined {
  if (!text.includes(':') || text.includes('%')) return undefined;
  let head = text;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(text);
  if (dotted) {
    const v4 = ipv4Of(dotted[2]);
    if (v4 === undefined) return undefined;
    head = dotted[1].endsWith('::') ? dotted[1] : dotted[1].slice(0, -1);
    tail.push(v4 >>> 16, v4 & 0xffff);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const left = parse(halves[0]);
  const right = [...(halves.length === 2 ? parse(halves[1]) : []), ...tail];
  if ([...left, ...right].some(Number.isNaN)) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...left, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...right];
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96) or IPv4-compatible (::/96, deprecated) IPv6 address. */
function mappedV4(g: number[]): number | undefined {
  if (g.slice(0, 5).some((x) => x !== 0)) return undefined;
  if (g[5] !== 0xffff && !(g[5] === 0 && (g[6] !== 0 || g[7] > 1))) return undefined;
  return ((g[6] << 16) | g[7]) >>> 0;
}

/**
 * Only global unicast 2000::/3 (RFC 4291) is public; outside it lie ::1, ::, NAT64 64:ff9b::/96,
 * ULA fc00::/7, link-local fe80::/10, multicast ff00::/8. Inside it, refused: 2001::/23 (IETF
 * protocol assignments, incl. Teredo 2001::/32, which embeds an IPv4 address), 2001:db8::/32 and
 * 3fff::/20 (documentation), 2002::/16 (6to4, which embeds an IPv4 address).
 */
function v6Public(g: number[]): boolean {
  if ((g[0] & 0xe000) !== 0x2000) return false;
  if (g[0] === 0x2001 && g[1] < 0x0200) return false;
  if (g[0] === 0x2001 && g[1] === 0x0db8) return false;
  if (g[0] === 0x2002) return false;
  if (g[0] === 0x3fff && g[1] < 0x1000) return false;
  return true;
}
