/**
 * Outbound GETs to harvest sources: every URL (and every redirect) passes the shared SSRF guard
 * (`checkOutboundUrl`: https only, no private/loopback/link-local addresses in production; http://localhost in
 * development only), each request times out, and a body larger than MAX_SOURCE_BYTES is refused while it streams,
 * so a hostile source can hold neither the invocation nor its memory (128 MB per isolate: 4 MiB is 1/32 of it).
 * A body that stops streaming (the connection dropped after the headers, or the timeout struck mid-body) is a
 * SourceError too, so the job fails with that in its record.
 */
import { checkOutboundUrl, type OutboundMode } from "@regie/shared/http/outbound-url";

export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;
export const SOURCE_TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 3;

export class SourceError extends Error {}

export interface Fetched {
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/** Counts subrequests of one invocation against a budget (half of the 1,000 a paid invocation may make). */
export class Budget {
  constructor(public remaining: number) {}
  take(n = 1): boolean {
    if (this.remaining < n) return false;
    this.remaining -= n;
    return true;
  }
}

/** One chunk of a source's body; a failed read (the connection dropped, the timeout struck) is a SourceError. */
async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>, size: number): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (e) {
    const name = (e as Error).name;
    if (name === "TimeoutError" || name === "AbortError") throw new SourceError(`the source did not finish its answer within ${SOURCE_TIMEOUT_MS / 1000} s`);
    throw new SourceError(`the source's answer broke off after ${size} bytes (${String((e as Error).message).slice(0, 200)})`);
  }
}

async function readLimited(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await readChunk(reader, size);
    if (done) break;
    size += value.byteLength;
    if (size > MAX_SOURCE_BYTES) {
      await reader.cancel();
      throw new SourceError(`the source sent more than ${MAX_SOURCE_BYTES} bytes in one response`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

export async function fetchSource(raw: string, mode: OutboundMode, accept: string, fetcher: typeof fetch = fetch): Promise<Fetched> {
  let url = raw;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const verdict = checkOutboundUrl(url, mode);
    if (!verdict.ok) throw new SourceError(`refused to fetch ${url.slice(0, 200)}: ${verdict.reason}`);
    let res: Response;
    try {
      res = await fetcher(verdict.url.toString(), { headers: { accept }, redirect: "manual", signal: AbortSignal.timeout(SOURCE_TIMEOUT_MS) });
    } catch (e) {
      const name = (e as Error).name;
      throw new SourceError(
        name === "TimeoutError" || name === "AbortError"
          ? `the source did not answer within ${SOURCE_TIMEOUT_MS / 1000} s`
          : `the source could not be reached (${(e as Error).message.slice(0, 200)})`,
      );
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      url = new URL(res.headers.get("location")!, verdict.url).toString();
      await res.body?.cancel();
      continue;
    }
    const body = await readLimited(res);
    return { url: verdict.url.toString(), status: res.status, contentType: (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase(), body };
  }
  throw new SourceError(`more than ${MAX_REDIRECTS} redirects`);
}
