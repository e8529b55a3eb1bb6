/// <reference types="node" />
/**
 * Node side: a local harvest source for the publisher pages' test (catalogue-pages.happy.test.ts), started by
 * vitest.config.ts on 127.0.0.1 (loopback sources are allowed in development only). It serves one DCAT-AP catalogue
 * page (/dcat/catalog.ttl) made of variants of the official HealthDCAT-AP example (standards/healthdcat-ap-r8), one
 * of them without its HDAB (non-conformant). Round 1 serves a, b, c, d and broken; after `POST /control/round?n=2`
 * d is gone and e is new, so a second run adds 1, updates 3, withdraws 1 and rejects 1.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";

const EXAMPLE = readFileSync(fileURLToPath(new URL("../../../../standards/healthdcat-ap-r8/example-healthdcat-dataset.ttl", import.meta.url)), "utf8");
const ROUNDS: Record<number, string[]> = { 1: ["a", "b", "c", "d", "broken"], 2: ["a", "b", "c", "e", "broken"] };

/** The example under its own subject and identifier; `broken` loses its healthdcatap:hdab. */
function variant(name: string): string {
  const ttl = EXAMPLE.replaceAll("ex:dataset-oncology-ehrs-2024", `ex:portal-${name}`).replace(
    'dct:identifier "EU-HDCA-R7-ONCOLOGY-EHRS-2024"',
    `dct:identifier "PORTAL-${name.toUpperCase()}"`,
  );
  return name === "broken" ? ttl.replace("healthdcatap:hdab ex:hdab-agent ;", "") : ttl;
}

export function startHarvestSource(): Promise<{ url: string; server: Server }> {
  let round = 1;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/control/round") {
      const n = Number(url.searchParams.get("n"));
      if (!ROUNDS[n]) return void res.writeHead(400).end("no such round");
      round = n;
      return void res.writeHead(204).end();
    }
    if (req.method === "GET" && url.pathname === "/dcat/catalog.ttl") {
      return void res.writeHead(200, { "content-type": "text/turtle" }).end(ROUNDS[round]!.map(variant).join("\n"));
    }
    res.writeHead(404).end();
  });
  const url = () => `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: url(), server })));
}
