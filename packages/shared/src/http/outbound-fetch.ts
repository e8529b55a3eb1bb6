/**
 * Outbound HTTP for sources Regie pulls from (the address book's `_history` sync): the shared URL guard
 * (./outbound-url.ts, the same rules as webhooks: in production only `https:` to a public host; in development also
 * http to localhost) and a fetch with a timeout that never follows redirects (`redirect: "manual"`), so a redirect
 * cannot lead past the check.
 */
import { checkOutboundUrl, type OutboundMode } from "./outbound-url";

export type { OutboundMode };

/** Why `raw` may not be called in `mode` (a reason safe to show), or null when it may. */
export function outboundUrlProblem(raw: string, mode: OutboundMode): string | null {
  const verdict = checkOutboundUrl(raw, mode);
  return verdict.ok ? null : verdict.reason;
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
