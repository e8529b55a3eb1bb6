/**
 * Outbound HTTP for sources Regie pulls from (the address book's `_history` sync): a URL guard and a fetch with
 * a timeout that never follows redirects.
 *
 * The guard decides from the URL alone (a Worker cannot resolve DNS): in production only `https:` to a public host —
 * never `localhost`, `*.localhost`, `*.local`, `*.internal`, a single-label name, or an IPv4/IPv6 literal in a
 * private, loopback, link-local, CGNAT, multicast or reserved range (the WHATWG URL parser normalises `0x7f.1`,
 * `2130706433` and friends to dotted form first). In development additionally `http:`/`https:` to `localhost`,
 * `127.0.0.1` or `[::1]`. Never user info in the URL, never another scheme. Redirects are refused
 * (`redirect: "manual"`), so a redirect cannot lead past the check.
 *
 * Note: another branch (i12-push) adds `http/outbound-url.ts` with the same rules for webhooks; when both are on
 * main this file should call that guard instead of its own `outboundUrlProblem`.
 */

export type OutboundMode = "production" | "development";

const DEV_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".localdomain"];

function v4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  return o.every((x) => x <= 255) ? o : null;
}

/** True for an IPv4 address that is not a public unicast address. */
export function isNonPublicIPv4(host: string): boolean {
  const o = v4(host);
  if (!o) return false;
  const [a, b, c] = o as [number, number, number, number];
  return (
    a === 0 || a === 10 || a === 127 || a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  );
}

/** True for an IPv6 literal (without brackets) that is loopback, unspecified, unique/link/site-local, multicast or maps an IPv4. */
export function isNonPublicIPv6(host: string): boolean {
  const h = host.toLowerCase();
  if (h === "::" || h === "::1") return true;
  if (/^f[cd]/.test(h) || /^fe[89ab]/.test(h) || /^fe[c-f]/.test(h) || h.startsWith("ff")) return true;
  if (h.startsWith("::ffff:") || /^::\d/.test(h) || h.startsWith("64:ff9b:") || h.startsWith("2002:") || h.startsWith("2001:db8:")) return true;
  return false;
}

/** Why `raw` may not be called in `mode` (a reason safe to show), or null when it may. */
export function outboundUrlProblem(raw: string, mode: OutboundMode): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not an absolute URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `the scheme ${url.protocol.replace(":", "")} is not allowed`;
  if (url.username || url.password) return "a URL with user information is not allowed";
  const host = url.hostname.toLowerCase();
  if (mode === "development" && DEV_HOSTS.has(host)) return null;
  if (url.protocol !== "https:") return "only https URLs are allowed";
  if (host === "localhost" || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return "the host is a local name";
  if (host.startsWith("[")) return isNonPublicIPv6(host.slice(1, -1)) ? "the host is a private, loopback or link-local address" : null;
  if (v4(host)) return isNonPublicIPv4(host) ? "the host is a private, loopback or link-local address" : null;
  if (!host.includes(".")) return "the host is a single-label (local) name";
  return null;
}

export class OutboundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundError";
  }
}

export interface OutboundOptions {
  mode: OutboundMode;
  /** abort after this many milliseconds (default 10,000) */
  timeoutMs?: number;
  headers?: Record<string, string>;
  fetcher?: typeof fetch;
}

/**
 * GET `url` after the guard, with a timeout; a redirect answers as an error (never followed). Throws
 * `OutboundError` for a refused URL, a timeout, a network failure or a redirect.
 */
export async function fetchOutbound(url: string, opts: OutboundOptions): Promise<Response> {
  const problem = outboundUrlProblem(url, opts.mode);
  if (problem) throw new OutboundError(`Refused to call ${url}: ${problem}`);
  const doFetch = opts.fetcher ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let res: Response;
  try {
    res = await doFetch(url, { method: "GET", headers: opts.headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") throw new OutboundError(`${url} did not answer within ${timeoutMs} ms`);
    throw new OutboundError(`${url} could not be reached: ${(err as Error).message}`);
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw new OutboundError(`${url} answered with a redirect (${res.status}); redirects are not followed`);
  }
  return res;
}
