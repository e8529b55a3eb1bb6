// A GET without a header timeout: Node's fetch gives up after 300 s without response headers, and a shard's first
// build from D1 at scale can take longer than that. It gives up after `timeoutMs` (a request lost in a reload of the
// worker would otherwise wait for ever); the caller sends it again.
import { request } from "node:http";

export async function slowGet(url: string, { timeoutMs = 900_000, attempts = 3 } = {}): Promise<{ status: number; text: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getOnce(url, timeoutMs);
    } catch (err) {
      if (attempt >= attempts) throw err;
    }
  }
}

function getOnce(url: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "GET" }, (res) => {
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
