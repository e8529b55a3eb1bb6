/**
 * vitest globalSetup (Node): a local HTTP server standing in for a ZORG-AB / mCSD directory that serves
 * `_history?_since=`. Tests (in workerd) script it over HTTP: `PUT /__script` with
 * `{"pages": {"<path and query>": <body or {"status": n}>}, "delayMs": n}`, `GET /__requests` for what was asked.
 * Its port reaches the tests through `inject("historyServerPort")`.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    historyServerPort: number;
  }
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => resolve(body));
  });

export default async function setup(project: TestProject) {
  let pages: Record<string, unknown> = {};
  let delayMs = 0;
  let requests: string[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? "/";
      if (url === "/__script" && req.method === "PUT") {
        const script = JSON.parse(await read(req)) as { pages: Record<string, unknown>; delayMs?: number };
        pages = script.pages;
        delayMs = script.delayMs ?? 0;
        requests = [];
        res.writeHead(204).end();
        return;
      }
      if (url === "/__requests") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(requests));
        return;
      }
      requests.push(url);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      const page = pages[url] as { status?: number; location?: string } | undefined;
      if (!page) return void res.writeHead(404).end();
      if (typeof page.status === "number") return void res.writeHead(page.status, page.location ? { location: page.location } : {}).end();
      res.writeHead(200, { "content-type": "application/fhir+json" }).end(JSON.stringify(page));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("historyServerPort", (server.address() as AddressInfo).port);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
