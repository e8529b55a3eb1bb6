// `npm run bench:profile`: where a consent check spends its CPU time (`npm run bench:profile-search`: where the
// catalogue's uncached full text + 2 facet searches spend theirs, ROUTE=search below). Starts the benchmark stack, seeds the
// same citizens as `npm run bench`, attaches to the consent worker's V8 inspector (wrangler dev's inspector
// port), records a CPU profile while autocannon asks consent checks at 16 connections, and prints the CPU time
// per source module (through the bundle's source map) and per function. Writes the raw profile to
// bench/results/consent-check.cpuprofile (open it in Chrome DevTools or speedscope).
//
// Environment: BENCH_CITIZENS (default 10,000), BENCH_DURATION (s, default 10), BENCH_PROFILE_CONNECTIONS (16),
// BENCH_PROFILE_ROUTE=check|health|search (health: the empty route, for comparison; search: BENCH_PROFILE_DATASETS
// realistic datasets, default 20,000, seeded and the index shards built by one search before the warm-up, then the
// scale mode's uncached text + 2 facet queries, bench/scenarios/scale/queries.ts, profiled in the catalogue's
// isolate, which locally holds the Worker and all its index shards). In search mode it also reads that isolate's V8
// heap (bench/lib/inspector.ts) as found and after a forced full collection, once after the first build and once
// after the profiled queries; BENCH_PROFILE_HEAP_MS (default 0: not) also asks every that many ms during the build,
// but workerd answers the snapshot that forces the collection only once the build is over (measured: one reading,
// after it).
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { loadavg } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { start, tokenMinter, urls, PORT_BASE, type BenchStack } from "./lib/stack";
import { measure, type LoadRequest } from "./lib/load";
import { bsnSeries } from "./lib/bsn";
import { CITIZENS, questions, seedChoices } from "./scenarios/consent";
import { root } from "../scripts/dev-env";
import { growCatalogue } from "./scenarios/catalogue/seed";
import { uncachedQueries } from "./scenarios/scale/queries";
import { slowGet } from "./lib/http";
import { heapReading as readHeap, sampleHeap, type HeapSamples, type HeapUsage } from "./lib/inspector";

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_PROFILE_CONNECTIONS ?? 16);
const ROUTE = process.env.BENCH_PROFILE_ROUTE ?? "check";
const SEARCH = ROUTE === "search";
const DATASETS = Number(process.env.BENCH_PROFILE_DATASETS ?? 20_000);
const HEAP_MS = Number(process.env.BENCH_PROFILE_HEAP_MS ?? 0);
const log = (m: string) => console.log(m);

/** The parts of a V8 CPU profile (Profiler.stop) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  startTime: number;
  endTime: number;
}

/** A minimal Chrome DevTools Protocol client over the inspector's WebSocket. */
async function inspector(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl?: string; title: string }[];
  const target = targets.find((t) => t.webSocketDebuggerUrl) ?? targets[0];
  if (!target) throw new Error(`no inspector target on port ${port}`);
  // wrangler's inspector proxy accepts DevTools clients from localhost origins only
  const wsUrl = target.webSocketDebuggerUrl;
  if (!wsUrl) throw new Error(`the inspector target on port ${port} has no WebSocket URL`);
  const ws = new WebSocket(wsUrl, { headers: { origin: "http://localhost" } });
  await new Promise<void>((resolve, reject) => {
    ws.on("open", () => resolve());
    ws.on("error", (err) => reject(new Error(`cannot connect to ${wsUrl}: ${err.message}`)));
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (err: Error) => void }>();
  const scripts = new Map<string, unknown>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; error?: { message: string }; result?: unknown; method?: string; params?: { url: string } };
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id)!;
      pending.delete(msg.id);
      if (msg.error) reject(new Error(msg.error.message));
      else resolve(msg.result);
    } else if (msg.method === "Debugger.scriptParsed" && msg.params) {
      scripts.set(msg.params.url, msg.params);
    }
  });
  const send = <T = unknown>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (result) => resolve(result as T), reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { title: target.title, send, scripts, close: () => ws.close() };
}

/** The newest bundle wrangler dev wrote for an app, with its source map. */
function bundleMap(appDir: string): { map: SourceMap; dir: string } | null {
  const tmp = join(appDir, ".wrangler", "tmp");
  let best: { file: string; mtime: number } | undefined;
  for (const dir of readdirSync(tmp)) {
    if (!dir.startsWith("dev-")) continue;
    for (const name of readdirSync(join(tmp, dir))) {
      if (!name.endsWith(".js.map")) continue;
      const file = join(tmp, dir, name);
      const mtime = statSync(file).mtimeMs;
      if (!best || mtime > best.mtime) best = { file, mtime };
    }
  }
  if (!best) return null;
  const payload = JSON.parse(readFileSync(best.file, "utf8"));
  return { map: new SourceMap(payload), dir: join(best.file, "..") };
}

/** Groups a source path into a module a reader recognises. */
function moduleOf(source: string | undefined): string {
  if (!source) return "(unmapped)";
  const p = source.replace(/^file:\/\//, "").replace(/\\/g, "/");
  const nm = p.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = p.slice(nm + "node_modules/".length).split("/");
    return "npm:" + (rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]);
  }
  const at = p.search(/(apps|packages)\/[^/]+\/src\//);
  return at >= 0 ? p.slice(at) : p.split("/").slice(-2).join("/");
}

function analyse(profile: CpuProfile, bundle: ReturnType<typeof bundleMap>) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const counts = new Map<number, number>();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const totalSamples = profile.samples.length;
  const usPerSample = (profile.endTime - profile.startTime) / Math.max(1, totalSamples);
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, n] of counts) {
    const node = byId.get(id)!;
    const f = node.callFrame;
    let module: string;
    if (!f.url) module = f.functionName ? `(native) ${f.functionName}` : "(native)";
    else if (bundle && f.lineNumber >= 0) {
      const entry = bundle.map.findEntry(f.lineNumber, f.columnNumber);
      module = moduleOf("originalSource" in entry ? entry.originalSource : undefined);
    } else module = moduleOf(f.url);
    byModule.set(module, (byModule.get(module) ?? 0) + n);
    const fn = `${f.functionName || "(anonymous)"}  [${module}]`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + n);
    self.set(id, n);
  }
  const idle = [...byModule].filter(([m]) => m === "(native) (idle)").reduce((s, [, n]) => s + n, 0);
  const busy = totalSamples - idle;
  const table = (map: Map<string, number>) =>
    [...map]
      .filter(([m]) => m !== "(native) (idle)")
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => ({ name, ms: Math.round((n * usPerSample) / 100) / 10, shareOfBusy: Math.round((n / Math.max(1, busy)) * 1000) / 10 }));
  return {
    seconds: (profile.endTime - profile.startTime) / 1e6,
    samples: totalSamples,
    busyShare: Math.round((busy / Math.max(1, totalSamples)) * 1000) / 10,
    modules: table(byModule),
    functions: table(byFunction).slice(0, 40),
  };
}

/** The isolate's heap as found, then after a forced full collection (what is live), with the load average. */
interface HeapReading {
  used: HeapUsage | null;
  live: HeapUsage | null;
  loadAverage: number[];
}
async function heapReading(port: number): Promise<HeapReading> {
  return { ...(await readHeap(port)), loadAverage: loadavg() };
}
const mb = (b: number | undefined) => (b === undefined ? "?" : `${(b / 1e6).toFixed(1)} MB`);
function heapLine(during: HeapSamples | undefined, at: HeapReading): string {
  const d = during
    ? `during the build (${during.samples} readings: ms, MB as found, MB live ${JSON.stringify(during.readings)}) ≤ ${mb(during.maxUsedBytes)} used, ≤ ${mb(during.maxLiveBytes)} live; `
    : "";
  return `${d}V8 heap ${mb(at.used?.usedBytes)} used, ${mb(at.live?.usedBytes)} after a full GC (load ${at.loadAverage.map((x) => x.toFixed(2)).join(" ")})`;
}

let stack: BenchStack | undefined;
try {
  stack = await start(log, (s) => (stack = s));
  const mint = tokenMinter(stack.secrets);
  const u = urls();
  let requests: LoadRequest[];
  let warmup: LoadRequest[] | undefined;
  const port = PORT_BASE + (SEARCH ? 2 : 1) + 1000;
  const heap: { duringBuild?: HeapSamples; afterBuild?: HeapReading; afterQueries?: HeapReading } = {};
  if (ROUTE === "health") requests = [{ method: "GET", path: "/health" }];
  else if (SEARCH) {
    await growCatalogue(u.catalogue, DATASETS, log, { variety: "realistic" });
    const t0 = Date.now();
    const sampler = HEAP_MS > 0 ? sampleHeap(port, HEAP_MS) : null;
    await slowGet(`${u.catalogue}/v1/datasets?limit=1`);
    const buildSeconds = (Date.now() - t0) / 1000;
    if (sampler) heap.duringBuild = await sampler.stop();
    heap.afterBuild = await heapReading(port);
    log(`· ${DATASETS} datasets; the index shards built in ${buildSeconds.toFixed(1)} s; ${heapLine(heap.duringBuild, heap.afterBuild)}`);
    // distinct queries for the warm-up and the profiled run, so that neither answers from a response cache
    warmup = uncachedQueries(2000, 7).map((path) => ({ method: "GET", path }));
    requests = uncachedQueries(4000, 8).map((path) => ({ method: "GET", path }));
  } else {
    const citizens = bsnSeries(CITIZENS, 0);
    await seedChoices({ citizens, mint, log });
    requests = (await questions({ citizens, mint })).checkRequests;
  }
  // warm up first (JIT, shard objects, claims cache), then profile a steady run
  const target = SEARCH ? u.catalogue : u.consent;
  await measure({ url: target, connections: CONNECTIONS, requests: warmup ?? requests, duration: 3 });
  const ins = await inspector(port);
  await ins.send("Profiler.enable");
  await ins.send("Profiler.setSamplingInterval", { interval: 200 });
  await ins.send("Profiler.start");
  log(
    `· profiling ${ROUTE === "health" ? "GET /health" : SEARCH ? "GET /v1/datasets (uncached text + 2 facets)" : "POST /v1/consent-check"} at ${CONNECTIONS} connections for ${DURATION} s (inspector ${ins.title} on ${port})`,
  );
  const load = await measure({ url: target, connections: CONNECTIONS, requests, duration: DURATION });
  const { profile } = await ins.send<{ profile: CpuProfile }>("Profiler.stop");
  ins.close();
  if (SEARCH) {
    await new Promise((r) => setTimeout(r, 1000)); // the inspector takes one client at a time: let the profiler's go
    heap.afterQueries = await heapReading(port);
    log(`· after the profiled queries: ${heapLine(undefined, heap.afterQueries)}`);
  }
  const app = SEARCH ? "catalogue" : "consent";
  const appDir = join(fileURLToPath(new URL("..", import.meta.url)), "apps", app);
  const bundle = bundleMap(appDir);
  const result = analyse(profile, bundle);
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  const out = join(root, "bench", "results", `${app}-${ROUTE}.cpuprofile`);
  writeFileSync(out, JSON.stringify(profile));
  writeFileSync(
    join(root, "bench", "results", `${app}-${ROUTE}-profile.json`),
    JSON.stringify({ load, heap, loadAverage: loadavg(), ...result }, null, 2) + "\n",
  );
  log(
    `\n${load.reqPerSec} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.non2xx} non-2xx; the isolate was busy ${result.busyShare}% of ${result.seconds.toFixed(1)} s`,
  );
  log(`CPU time of the ${app} worker's isolate per ${bundle ? "source module" : "script"} (self time, share of busy time):`);
  for (const m of result.modules.slice(0, 25)) log(`  ${String(m.shareOfBusy).padStart(5)}%  ${String(m.ms).padStart(8)} ms  ${m.name}`);
  log(`Hottest functions:`);
  for (const f of result.functions.slice(0, 25)) log(`  ${String(f.shareOfBusy).padStart(5)}%  ${String(f.ms).padStart(8)} ms  ${f.name}`);
  log(`\nRaw profile: ${relative(root, out)}`);
} finally {
  stack?.stop();
}
process.exit(0);
