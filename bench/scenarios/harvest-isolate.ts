// The harvest's own memory (issue 13): the catalogue's real harvest modules in a dedicated `wrangler dev` worker
// (bench/harvest-isolate/: local D1 with the catalogue's migrations, local R2, no search shards and no queue), so
// the inspector reads the heap of an isolate that holds nothing but the harvest. Under the full stack the
// catalogue's isolate also holds its search shards (≈ 36 MB each), which hide the harvest's own heap.
//
// It runs (a) the work of POST /v1/harvest on the largest document the 8 MiB limit admits (scale/harvest.ts's
// generator: parse, count, the chunk objects, the job) and then (b) queue messages (3, one after another; each one chunk of
// HARVEST_INVOCATION_DATASETS datasets: read, parse, map, validate, write), and for each reports the isolate's heap:
// the highest reading as found (no collection forced) over one inspector connection while it runs, the highest
// after a forced full collection (every 4th reading), and what is live before and after (forced collection). The
// isolate answers the inspector only when its lock is free: during one request that is seldom (1–3 readings of a
// push locally), so the peak as found is the highest reading taken, not the true maximum; `readings` lists them.
//
// Environment: BENCH_HARVEST_PORT (default 28897; the inspector on +1000), BENCH_HARVEST_STEPS (queue messages, 3).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { HarvestPushJob } from "@regie/shared/contracts/catalogue";
import { quietEnv, waitUntilHealthy, wranglerBin, type Log } from "../../scripts/stack";
import { root } from "../../scripts/dev-env";
import WebSocket from "ws";
import { heapReading, quietNetwork } from "../lib/inspector";
import { largestHarvestDocument } from "./scale/harvest";

/** Runs without the bench's stack (bench/run.ts does not start it for this scenario alone). */
export const standalone = true;

const PORT = Number(process.env.BENCH_HARVEST_PORT ?? 28897);
const INSPECTOR = PORT + 1000;
const CONFIG = join(root, "bench", "harvest-isolate", "wrangler.jsonc");
const TARGET_BYTES = 128 * 1024 * 1024;
/** queue messages run one after another (each one chunk) */
const STEPS = Number(process.env.BENCH_HARVEST_STEPS ?? 3);
/** as bench/harvest-isolate/wrangler.jsonc's HARVEST_INVOCATION_DATASETS */
const CHUNK = 100;

export interface HeapOfPhase {
  ms: number;
  samples: number;
  /** the highest heap used as found (garbage not yet collected included) */
  peakAsFoundBytes: number;
  /** the highest heap used after a forced full collection during the run (fewer samples) */
  peakLiveBytes: number;
  /** each reading: ms after the start, MB used, whether after a forced full collection */
  readings: [number, number, boolean][];
  /** live heap before and after (forced full collection) */
  liveBeforeBytes: number | null;
  liveAfterBytes: number | null;
}

/**
 * Reads the heap over one inspector connection kept open while `work` runs: Runtime.getHeapUsage again as soon as
 * the last answer came, every 4th time after a full collection (a heap snapshot, whose chunks
 * are dropped). The isolate answers only between its tasks (while the request awaits I/O), never in the middle of
 * a synchronous parse; the parse's results stay live across the awaits after it, so the readings see them.
 */
async function whileRunning<T>(work: () => Promise<T>): Promise<{ value: T; heap: HeapOfPhase }> {
  const liveBefore = (await heapReading(INSPECTOR)).live;
  const targets = (await (await fetch(`http://127.0.0.1:${INSPECTOR}/json`)).json()) as { webSocketDebuggerUrl?: string }[];
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl!);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let samples = 0,
    peak = 0,
    peakLive = 0,
    running = true,
    next = 1,
    snapshotId = -1,
    liveId = -1;
  const asked = new Set<number>();
  const readings: [number, number, boolean][] = [];
  const t0 = performance.now();
  const send = (method: string, params?: object) => {
    const id = next++;
    asked.add(id);
    ws.send(JSON.stringify({ id, method, ...(params ? { params } : {}) }));
    return id;
  };
  const ask = () => {
    if (!running) return;
    if (next % 4 === 0) snapshotId = send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    else send("Runtime.getHeapUsage");
  };
  ws.on("message", (data: Buffer) => {
    if (data.includes("addHeapSnapshotChunk")) return;
    const msg = JSON.parse(data.toString("utf8")) as { id?: number; result?: { usedSize?: number } };
    // only answers to this connection's own requests (wrangler's proxy relays others)
    if (msg.id === undefined || !asked.delete(msg.id)) return;
    if (msg.id === snapshotId) {
      // the snapshot is done (everything unreachable collected): what is live now
      if (running) liveId = send("Runtime.getHeapUsage");
      return;
    }
    const used = msg.result?.usedSize;
    if (used !== undefined) {
      samples++;
      peak = Math.max(peak, used);
      if (msg.id === liveId) peakLive = Math.max(peakLive, used);
      readings.push([Math.round(performance.now() - t0), Math.round(used / 1e5) / 10, msg.id === liveId]);
    }
    setTimeout(ask, 10);
  });
  ask();
  let value: T;
  try {
    value = await work();
  } finally {
    running = false;
    await new Promise((resolve) => {
      ws.once("close", resolve);
      ws.close();
      setTimeout(resolve, 5_000).unref();
    });
  }
  const ms = Math.round(performance.now() - t0);
  const liveAfter = (await heapReading(INSPECTOR)).live;
  return {
    value,
    heap: {
      ms,
      samples,
      peakAsFoundBytes: peak,
      peakLiveBytes: peakLive,
      readings,
      liveBeforeBytes: liveBefore?.usedBytes ?? null,
      liveAfterBytes: liveAfter?.usedBytes ?? null,
    },
  };
}

/** A POST that pokes /health meanwhile (wrangler's proxy can hold a lone slow answer until another request comes). */
async function post(path: string, body?: string): Promise<{ status: number; text: string }> {
  const poker = setInterval(
    () =>
      void fetch(`http://127.0.0.1:${PORT}/health`).then(
        (r) => r.arrayBuffer(),
        () => undefined,
      ),
    5_000,
  );
  try {
    const res = await fetch(`http://127.0.0.1:${PORT}${path}`, { method: "POST", body, headers: { "content-type": "text/turtle" } });
    return { status: res.status, text: await res.text() };
  } finally {
    clearInterval(poker);
  }
}

const mb = (b: number | null) => (b === null ? "?" : `${(b / 1e6).toFixed(1)} MB`);

export async function run({ log }: { log: Log }) {
  const persistTo = mkdtempSync(join(tmpdir(), "regie-bench-harvest-"));
  log(`· harvestIsolate: applying the catalogue's migrations to a fresh local D1 (${persistTo})`);
  const env = quietEnv({ CI: "true", WRANGLER_LOG_PATH: join(persistTo, "wrangler-logs") });
  execFileSync(process.execPath, [wranglerBin, "d1", "migrations", "apply", "DB", "--local", "--config", CONFIG, "--persist-to", persistTo], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const args = ["dev", "--config", CONFIG, "--port", String(PORT), "--ip", "127.0.0.1", "--inspector-port", String(INSPECTOR), "--persist-to", persistTo];
  const child = spawn(process.execPath, [wranglerBin, ...args, "--show-interactive-dev-session=false", "--log-level", "warn"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => tail.push(...String(chunk).split("\n").filter(Boolean).slice(-20));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  try {
    await waitUntilHealthy(`http://127.0.0.1:${PORT}/health`, { timeoutMs: 120_000, child, name: "harvest worker", output: () => tail.slice(-20).join("\n") });
    await quietNetwork(INSPECTOR);
    const doc = largestHarvestDocument();
    const bytes = Buffer.byteLength(doc.turtle);
    log(`  harvestIsolate: ${(bytes / 1048576).toFixed(2)} MiB of Turtle, ${doc.datasets} datasets`);

    const push = await whileRunning(() => post("/push", doc.turtle));

    if (push.value.status !== 202) throw new Error(`push: ${push.value.status} ${push.value.text.slice(0, 300)}`);
    const job = HarvestPushJob.parse(JSON.parse(push.value.text));
    // a few messages one after another: the isolate answers the inspector between them (and seldom during one)
    const step = await whileRunning(async () => {
      let last = { status: 0, text: "" };
      for (let i = 0; i < STEPS && (i === 0 || last.status === 200); i++) last = await post(`/step?job=${job.id}`);
      return last;
    });
    if (step.value.status !== 200) throw new Error(`step: ${step.value.status} ${step.value.text.slice(0, 300)}`);
    const after = (JSON.parse(step.value.text) as { job: { processed: number; added: number; rejected: number; status: string } }).job;
    if (after.processed !== STEPS * CHUNK) throw new Error(`${STEPS} steps wrote ${after.processed} datasets: ${step.value.text.slice(0, 300)}`);

    for (const [name, h] of [
      ["push (parse, split into chunks, job)", push.heap],
      [`${STEPS} queue messages (a chunk of ${CHUNK} datasets each)`, step.heap],
    ] as const) {
      log(
        `  harvestIsolate ${name}: ${h.ms} ms; isolate heap peak ${mb(h.peakAsFoundBytes)} as found, ${mb(h.peakLiveBytes)} live (${h.samples} samples); ` +
          `live ${mb(h.liveBeforeBytes)} before, ${mb(h.liveAfterBytes)} after`,
      );
    }
    const measured = push.heap.samples > 0 && step.heap.samples > 0;
    const peak = Math.max(push.heap.peakAsFoundBytes, step.heap.peakAsFoundBytes);
    return {
      available: true as const,
      documentBytes: bytes,
      datasets: doc.datasets,
      chunkDatasets: CHUNK,
      steps: STEPS,
      chunkWritten: { added: after.added, rejected: after.rejected, status: after.status },
      push: push.heap,
      step: step.heap,
      target: {
        description: "harvest of the largest accepted document within 128 MB per invocation (isolate heap peak as found)",
        met: measured ? peak < TARGET_BYTES : null,
      },
    };
  } finally {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    await new Promise((r) => setTimeout(r, 1_000));
    rmSync(persistTo, { recursive: true, force: true });
  }
}
