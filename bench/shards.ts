// `npm run bench:shards`: the design question from ARCHITECTURE.md, measured: a few large shard objects, many
// small ones, or (nearly) one object per citizen? For each SHARD_COUNT it starts a fresh stack, seeds the same
// citizens (POST /dev/bulk-choices), and measures the consent check at 16 connections against the empty route,
// the consent worker's CPU time per check, the seeding rate and the memory. With more shard buckets than citizens
// almost every citizen gets an object of their own.
//
// Environment: BENCH_SHARD_COUNTS (default 16,256,4096,65536), BENCH_CITIZENS (default 5,000), BENCH_DURATION.
// Only the consent worker matters here; the other two run as in every stack.
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus } from "node:os";
import { join } from "node:path";
import { PORT_BASE, rssBytes, start, tokenMinter, urls, workerdPids, type BenchStack } from "./lib/stack";
import { measure, type LoadRequest, type Measurement } from "./lib/load";
import { bsnSeries } from "./lib/bsn";
import { questions, seedChoices } from "./scenarios/consent";
import { root } from "../scripts/dev-env";

const COUNTS = (process.env.BENCH_SHARD_COUNTS ?? "16,256,4096,65536").split(",").map(Number);
const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 5_000);
const log = (m: string) => console.log(m);
const mb = (b: number) => `${Math.round(b / 1048576)} MB`;

/** Waits until the stack's ports (and wrangler's inspector ports) are free again after a stop. */
async function portsFree(timeoutMs = 30_000) {
  const ports = [0, 1, 2].flatMap((i) => [PORT_BASE + i, PORT_BASE + i + 1000]);
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = await Promise.all(ports.map(free));
    if (states.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error(`ports ${ports.filter((_, i) => !states[i]).join(", ")} are still in use`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Row {
  shards: number;
  objectsAtMost: number;
  seedChoicesPerSec: number;
  empty: Measurement;
  check: Measurement;
  ratio: number;
  rssStartBytes: number;
  rssSeededBytes: number;
  rssAfterLoadBytes: number;
}
const rows: (Row | { shards: number; failed: true; error: string })[] = [];
for (const shards of COUNTS) {
  await portsFree(); // the previous count's workers release their ports asynchronously
  process.env.BENCH_SHARD_COUNT = String(shards);
  // one bulk call wakes as many objects as it has citizens; local workerd restarted when one call woke 250 new
  // objects at once, so with (nearly) one object per citizen the seed goes 20 citizens per call
  process.env.BENCH_BULK_BATCH = shards > 1024 ? "20" : "250";
  let stack: BenchStack | undefined;
  try {
    stack = await start(log, (s) => (stack = s));
    const consent = stack.children.find((c) => c.appName === "consent");
    const pids = consent ? workerdPids(consent) : [];
    const u = urls();
    const mint = tokenMinter(stack.secrets);
    const citizens = bsnSeries(CITIZENS, 0);
    const rssStart = rssBytes(pids);
    const seeding = await seedChoices({ citizens, mint, log });
    const rssSeeded = rssBytes(pids);
    const { checkRequests } = await questions({ citizens, mint });
    const run = (requests: LoadRequest[]) => measure({ url: u.consent, connections: 16, requests, cpuPids: pids });
    log(`· ${shards} shards: /health, then /v1/consent-check at 16 connections`);
    const empty = await run([{ method: "GET", path: "/health" }]);
    const check = await run(checkRequests);
    const objects = Math.min(shards, citizens.length + 2_000); // upper bound on objects touched (citizens + strangers asked about)
    rows.push({
      shards,
      objectsAtMost: objects,
      seedChoicesPerSec: seeding.choicesPerSec,
      empty,
      check,
      ratio: Math.round((check.reqPerSec / empty.reqPerSec) * 100) / 100,
      rssStartBytes: rssStart,
      rssSeededBytes: rssSeeded,
      rssAfterLoadBytes: rssBytes(pids),
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log(`! ${shards} shards failed: ${message}`);
    rows.push({ shards, failed: true, error: message });
  } finally {
    stack?.stop();
  }
}

const result = { date: new Date().toISOString(), machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version }, citizens: CITIZENS, rows };
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(join(root, "bench", "results", "shards.json"), JSON.stringify(result, null, 2) + "\n");
console.log(`\nShard objects vs one object per citizen (${CITIZENS.toLocaleString("en")} citizens, 16 connections)`);
console.log("  shards  seed choices/s  check req/s  check p99  empty req/s  ratio  check CPU µs  empty CPU µs  RSS seeded  RSS after load");
for (const r of rows) {
  if ("failed" in r) console.log(`  ${String(r.shards).padEnd(6)}  FAILED: ${r.error}`);
  else
    console.log(
      `  ${String(r.shards).padEnd(6)}  ${String(r.seedChoicesPerSec).padEnd(14)}  ${String(r.check.reqPerSec).padEnd(11)}  ${String(r.check.p99 + " ms").padEnd(9)}  ${String(r.empty.reqPerSec).padEnd(11)}  ${String(r.ratio).padEnd(5)}  ${String(r.check.workerCpuUsPerRequest).padEnd(12)}  ${String(r.empty.workerCpuUsPerRequest).padEnd(12)}  ${mb(r.rssSeededBytes).padEnd(10)}  ${mb(r.rssAfterLoadBytes)}`,
    );
}
console.log(`\nResults written to bench/results/shards.json`);
process.exit(0);
