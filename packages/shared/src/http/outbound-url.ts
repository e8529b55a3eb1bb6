/**
 * The guard every outbound call of Regie goes through (subscription rest-hooks; the catalogue's harvest sources can
 * reuse it): which URLs a worker may call, decided from the URL alone (pure; no DNS lookup is possible in a Worker).
 *
 * - production: `https:` only, and never a host that is an address in a private, loopback, link-local, CGNAT,
 *   multicast, reserved or unspecified range (IPv4 and IPv6, IPv4-mapped IPv6 included), nor `localhost`, `*.localhost`,
 *   `*.local`, `*.internal`, `*.home.arpa` or a single-label name. The WHATWG URL parser normalises the odd spellings
 *   of an IPv4 address first (`0x7f.1`, `2130706433`, `0177.0.0.1` all become `127.0.0.1`), so they cannot slip past.
 * - development: additionally `http:` or `https:` to `localhost`, `127.0.0.1` or `[::1]` (a local receiver), and
 *   nothing else that production refuses.
 * - never: user info in the URL (`https://user:pass@host`), a port outside 1–65535, another scheme.
 *
 * A hostname that resolves to a private address (DNS rebinding) is not visible here: on Cloudflare, a Worker's
 * `fetch` cannot reach private networks anyway (only through a Tunnel), and callers must not follow redirects
 * (`redirect: "manual"`), so a redirect cannot lead past this check.
 */

export type OutboundMode = "production" | "development";

export type OutboundVerdict = { ok: true; url: URL } | { ok: false; reason: string };

const LOCAL_DEV_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const BLOCKED_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".localdomain"];

/** IPv4 ranges no outbound call may reach: [first octets as a number, prefix length]. */
const BLOCKED_V4: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata endpoints live here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

function v4ToInt(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** True when a dotted IPv4 address lies in a blocked range. */
export function isBlockedIPv4(ip: string): boolean {
  const n = v4ToInt(ip);
  if (n === null) return false;
  return BLOCKED_V4.some(([base, bits]) => {
    const b = v4ToInt(base)!;
    const size = 2 ** (32 - bits);
    return n >= b && n < b + size;
  });
}

/** The eight 16-bit groups of an IPv6 address (as the URL parser prints it: compressed, lower case), or null. */
function v6Groups(ip: string): number[] | null {
  let s = ip;
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = v4ToInt(v4[1]!);
    if (n === null) return null;
    tail = [Math.floor(n / 65536), n % 65536];
    s = s.slice(0, -v4[1]!.length) + "0:0";
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === "" ? [] : h.split(":").map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  const groups = [...head, ...new Array<number>(Math.max(0, fill)).fill(0), ...rest];
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return null;
  if (tail.length) groups.splice(6, 2, ...tail);
  return groups;
}

/** True when an IPv6 address (without brackets) is loopback, unspecified, unique-local, link-local, multicast, or maps/embeds a blocked IPv4. */
export function isBlockedIPv6(ip: string): boolean {
  const g = v6Groups(ip.toLowerCase());
  if (!g) return true; // unparseable: refuse
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  if ((g[0]! & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g[0]! & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g[0]! & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((g[0]! & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return isBlockedIPv4(v4(g[6]!, g[7]!)) || g[5] === 0; // ::ffff:a.b.c.d, ::a.b.c.d
  if (g[0] === 0x0064 && g[1] === 0xff9b) return isBlockedIPv4(v4(g[6]!, g[7]!)); // NAT64
  if (g[0] === 0x2002) return isBlockedIPv4(v4(g[1]!, g[2]!)); // 6to4 embeds an IPv4
  return false;
}

/** Whether a worker in `mode` may call `raw`; the parsed URL when it may, a reason (safe to show) when not. */
export function checkOutboundUrl(raw: string, mode: OutboundMode): OutboundVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not an absolute URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: `the scheme ${url.protocol.replace(":", "")} is not allowed` };
  if (url.username || url.password) return { ok: false, reason: "a URL with user information is not allowed" };
  const host = url.hostname.toLowerCase().replace(/\.+$/, ""); // "localhost." is localhost
  if (mode === "development" && LOCAL_DEV_HOSTS.has(host)) return { ok: true, url };
  if (url.protocol !== "https:")
    return { ok: false, reason: mode === "production" ? "only https URLs are allowed" : "only https URLs are allowed (http only to localhost in development)" };
  if (host === "" || host === "localhost" || BLOCKED_SUFFIXES.some((s) => host.endsWith(s))) return { ok: false, reason: "the host is a local name" };
  if (host.startsWith("[")) {
    if (isBlockedIPv6(host.slice(1, -1))) return { ok: false, reason: "the host is a private, loopback or link-local address" };
    return { ok: true, url };
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    if (isBlockedIPv4(host)) return { ok: false, reason: "the host is a private, loopback or link-local address" };
    return { ok: true, url };
  }
  if (!host.includes(".")) return { ok: false, reason: "the host is a single-label (local) name" };
  return { ok: true, url };
}
