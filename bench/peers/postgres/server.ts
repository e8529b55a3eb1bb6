// The peer's HTTP server: GET /v1/datasets with Regie's query parameters (parsed by the same contract, SearchParams),
// one SQL statement per request (./query.ts) on a pool of `connections` PostgreSQL connections, answering
// { total, items: [ordinal], facets: { field: [[value, count]] } }.
import { createServer, type Server } from "node:http";
import pg from "pg";
import { SearchParams } from "@regie/shared/contracts/catalogue";
import { searchSql } from "./query";

export async function startPeerServer(url: string, port: number, connections = 4): Promise<{ url: string; stop(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://peer");
    if (u.pathname !== "/v1/datasets") return void res.writeHead(404).end();
    const raw: Record<string, string | string[]> = {};
    for (const k of new Set(u.searchParams.keys())) {
      const all = u.searchParams.getAll(k);
      raw[k] = all.length > 1 ? all : all[0]!;
    }
    const parsed = SearchParams.safeParse(raw);
    if (!parsed.success) return void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify(parsed.error.issues));
    const { limit = 20, ...query } = parsed.data as typeof parsed.data & { limit?: number };
    const sql = searchSql(query, limit);
    pool.query(sql.text, sql.values).then(
      ({ rows }) => {
        const { total, items, ...facets } = rows[0] as { total: string; items: number[] };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ total: Number(total), items, facets }));
      },
      (err: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise((r) => server.close(r));
      await pool.end();
    },
  };
}
