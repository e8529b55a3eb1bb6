/**
 * bench/lib/http.ts slowGet against a local HTTP server that behaves as wrangler dev's ProxyWorker did when the
 * first search hung: the slow answer is held back until some other request arrives. slowGet's `/health` pokes
 * release it; without them it waits for its timeout.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { slowGet } from "../../bench/lib/http";

let server: Server | null = null;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** `/slow` answers only after a later request to `/health` has arrived; counts the health requests. */
async function heldBackServer() {
  const held: (() => void)[] = [];
  const seen = { health: 0 };
  server = createServer((req, res) => {
    if (req.url === "/health") {
      seen.health++;
      res.end("ok");
      for (const release of held.splice(0)) release();
    } else if (req.url === "/slow") held.push(() => res.end("answer"));
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, seen };
}

describe("slowGet", () => {
  it("pokes /health while waiting, which releases an answer held back until another request arrives", async () => {
    const { base, seen } = await heldBackServer();
    const r = await slowGet(`${base}/slow`, { pokeMs: 50, timeoutMs: 5_000, attempts: 1 });
    expect(r).toEqual({ status: 200, text: "answer" });
    expect(seen.health).toBeGreaterThanOrEqual(1);
    // no more pokes once the answer is in
    const after = seen.health;
    await new Promise((done) => setTimeout(done, 200));
    expect(seen.health).toBe(after);
  });

  it("without pokes the held-back answer never comes and the GET gives up at its timeout", async () => {
    const { base, seen } = await heldBackServer();
    await expect(slowGet(`${base}/slow`, { pokeMs: 0, timeoutMs: 300, attempts: 1 })).rejects.toThrow(/no answer from .*\/slow within 0.3 s/);
    expect(seen.health).toBe(0);
  });
});
