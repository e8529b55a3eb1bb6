/**
 * One delivery attempt of a notification to a subscriber's rest-hook, and the retry schedule (pure but for `fetch`,
 * which is passed in). The endpoint is checked again at delivery (checkOutboundUrl: https only and no private,
 * loopback or link-local address in production; http://localhost allowed in development), redirects are not
 * followed (a 3xx is a failure, so a redirect cannot lead past the check), and the call is aborted after `timeoutMs`.
 */
import { checkOutboundUrl, type OutboundMode } from "@regie/shared";

export type Attempt =
  | { outcome: "delivered"; status: number }
  | { outcome: "failed"; error: string }
  /** the endpoint is not allowed: retrying cannot help */
  | { outcome: "refused"; error: string };

export interface DeliveryRequest {
  endpoint: string;
  /** "Name: value" lines (opened from their sealed form just before the call) */
  headers: string[];
  body: string;
  mode: OutboundMode;
  timeoutMs: number;
}

export async function deliver(req: DeliveryRequest, fetcher: (r: Request) => Promise<Response>): Promise<Attempt> {
  const verdict = checkOutboundUrl(req.endpoint, req.mode);
  if (!verdict.ok) return { outcome: "refused", error: `The endpoint is not allowed: ${verdict.reason}` };
  const headers = new Headers();
  for (const h of req.headers) {
    const i = h.indexOf(":");
    headers.append(h.slice(0, i).trim(), h.slice(i + 1).trim());
  }
  headers.set("content-type", "application/fhir+json; charset=utf-8");
  headers.set("accept", "application/fhir+json");
  let res: Response;
  try {
    res = await fetcher(new Request(verdict.url, { method: "POST", headers, body: req.body, redirect: "manual", signal: AbortSignal.timeout(req.timeoutMs) }));
  } catch (err) {
    const name = (err as Error)?.name;
    return {
      outcome: "failed",
      error: name === "TimeoutError" || name === "AbortError" ? `No answer within ${req.timeoutMs / 1000} s` : "The endpoint could not be reached",
    };
  }
  // the body is never read (a subscriber's answer is not ours to keep); cancel it so the connection is freed
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return { outcome: "delivered", status: res.status };
  return {
    outcome: "failed",
    error:
      res.status >= 300 && res.status < 400
        ? `The endpoint answered a redirect (${res.status}), which is not followed`
        : `The endpoint answered HTTP ${res.status}`,
  };
}

/** Seconds before the next attempt after `attempts` failed ones: base · 2^(attempts−1), at most an hour. */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(3600, Math.max(0, baseSeconds) * 2 ** Math.min(n - 1, 20));
}
