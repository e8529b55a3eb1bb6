// A GET without a header timeout: Node's fetch gives up after 300 s without response headers, and a shard's first
// build from D1 at scale can take longer than that. It gives up after `timeoutMs` (a request lost in a reload of the
// worker would otherwise wait for ever); the caller sends it again.
//
// While it waits it pokes the same origin's `/health` every `pokeMs` (10 s): wrangler dev's ProxyWorker can hold a
// slow request's answer in its retry queue until some other request arrives, so a lone slow GET (the first search,
// which builds the shards) could otherwise sit there for ever while nothing else is sent.
import { request } from "node:http";

export interface SlowGetOptions {
  timeoutMs?: number;
  attempts?: number;
  /** how often to poke `/health` while waiting (0: never) */
  pokeMs?: number;
  headers?: Record<string, string>;
}

export async function slowGet(
  url: string,
  { timeoutMs = 900_000, attempts = 3, pokeMs = 10_000, headers = {} }: SlowGetOptions = {},
): Promise<{ status: number; text: string }> {
  for (let attempt = 1; ; attempt++) {
    const poker = pokeMs > 0 ? setInterval(() => poke(new URL("/health", url).href), pokeMs) : null;
    try {
      return await getOnce(url, timeoutMs, headers);
    } catch (err) {
      if (attempt >= attempts) throw err;
    } finally {
      if (poker) clearInterval(poker);
    }
  }
}

/** A GET whose answer is read and dropped (errors too: it only has to arrive). */
function poke(url: string) {
  const req = request(url, { method: "GET" }, (res) => res.resume());
  req.on("error", () => undefined);
  req.setTimeout(5_000, () => req.destroy());
  req.end();
}

function getOnce(url: string, timeoutMs: number, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs / 1000} s`)));
    req.end();
  });
}
