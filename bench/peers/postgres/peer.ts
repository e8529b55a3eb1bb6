// The PostgreSQL 15 peer of the scale mode: a fresh server (./cluster.ts) loaded with the same generated catalogue
// as Regie's seed (apps/catalogue/src/generator/seed.ts generatedRecord, realistic variety), GIN indexes built after
// the load, behind a small Node HTTP server (./server.ts) answering the same query paths. Null with a reason when
// no server is available.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { DEMO_SIZE, generatedRecord } from "@regie/catalogue/generator/generated-record";
import { CREATE, INDEXES, insertBatch } from "./schema";
import { startPostgres } from "./cluster";
import { startPeerServer } from "./server";

const BATCH = 500;
const PORT = Number(process.env.BENCH_PG_HTTP_PORT ?? 48791);

export interface Peer {
  url: string;
  version: string;
  load: { datasets: number; seconds: number; indexSeconds: number; databaseBytes: number; tableBytes: number; indexBytes: number };
  stop(): Promise<void>;
}

export async function startPeer(datasets: number, log: (m: string) => void): Promise<Peer | { unavailable: string }> {
  const server = await startPostgres(log);
  if ("unavailable" in server) return server;
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    await client.query(CREATE);
    const t0 = performance.now();
    // Regie's catalogue: the demo seed's first DEMO_SIZE generated datasets, then the scale mode's realistic ones.
    // One batch is inserted while the next is generated.
    let inFlight: Promise<unknown> = Promise.resolve();
    for (let from = 0; from < datasets; from += BATCH) {
      const batch = [];
      for (let i = from; i < Math.min(datasets, from + BATCH); i++)
        batch.push({ ord: i + 1, record: generatedRecord(i, i < DEMO_SIZE ? "demo" : "realistic") });
      await inFlight;
      inFlight = insertBatch(client, batch);
      await new Promise((r) => setImmediate(r)); // let the bench's own requests (Regie's seed) through
      if (from % 50_000 === 0 && from) log(`  peer: ${from} datasets loaded`);
    }
    await inFlight;
    const loaded = performance.now();
    for (const sql of INDEXES) await client.query(sql);
    const indexed = performance.now();
    const sizes = (await client.query(`SELECT pg_database_size(current_database()) AS db, pg_relation_size('datasets') AS t, pg_indexes_size('datasets') AS i`))
      .rows[0] as { db: string; t: string; i: string };
    await client.end();
    const http = await startPeerServer(server.url, PORT);
    const load = {
      datasets,
      seconds: Math.round((loaded - t0) / 1000),
      indexSeconds: Math.round((indexed - loaded) / 1000),
      databaseBytes: Number(sizes.db),
      tableBytes: Number(sizes.t),
      indexBytes: Number(sizes.i),
    };
    log(`  peer: ${datasets} datasets loaded in ${load.seconds} s, indexed in ${load.indexSeconds} s; database ${(load.databaseBytes / 1e6).toFixed(0)} MB`);
    return {
      url: http.url,
      version: server.version,
      load,
      async stop() {
        await http.stop();
        server.stop();
      },
    };
  } catch (err) {
    await client.end().catch(() => {});
    server.stop();
    return { unavailable: `the peer failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
