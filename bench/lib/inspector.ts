// The V8 heap of a worker's isolate, read through wrangler dev's inspector (Chrome DevTools protocol,
// Runtime.getHeapUsage): used and total bytes of the JavaScript heap of the isolate that runs the worker — locally
// one isolate holds the Worker and every Durable Object of its classes, so for the catalogue it is the Worker, its
// caches and all index shards together. Null when the inspector does not answer (it takes one client at a time).
//
// `used` counts garbage not yet collected too: V8 collects its old generation only when that has grown past a limit
// it sets itself, so a reading after a burst of allocation (a shard's first build) can be far above what is live.
// `heapReading` reads the heap as found and then after a forced full collection: what is live. workerd's inspector
// never answers HeapProfiler.collectGarbage (tried: no reply, the heap unchanged), so the collection is forced by
// HeapProfiler.takeHeapSnapshot, which collects everything unreachable before it walks the heap (its chunks are
// dropped here). `sampleHeap` does that at intervals while something runs.
//
// wrangler dev's inspector proxy enables the runtime's Network domain and relays every inspector message to the
// wrangler process as a debug log (an HTTP call to miniflare's loopback server, and a line in wrangler's log file):
// three or more per D1 query. On a 40,000-dataset run that was 20,000 calls, throughput at 4 connections was 238
// req/s with it and 416 without, and at 500,000 the open loopback connections passed the 20,000-file limit and
// wrangler died (EMFILE). `keepNetworkQuiet` sends `Network.disable` to each worker's inspector now and again (the
// proxy enables it again after a reload), so the bench measures the Worker rather than wrangler's logging.
import WebSocket from "ws";

/** inspector sessions this process has open (the inspector takes one client at a time) */
let open = 0;

/** The worker's DevTools WebSocket address from its inspector's target list (undefined when it lists none). */
async function debuggerUrl(inspectorPort: number, timeoutMs: number): Promise<string | undefined> {
  const res = await fetch(`http://127.0.0.1:${inspectorPort}/json`, { signal: AbortSignal.timeout(timeoutMs) });
  return ((await res.json()) as { webSocketDebuggerUrl?: string }[])[0]?.webSocketDebuggerUrl;
}

export interface HeapUsage {
  usedBytes: number;
  totalBytes: number;
}

/** The heap as found and, with `collectGarbage`, after a full collection; one inspector connection, closed before it resolves. */
export async function heapReading(
  inspectorPort: number,
  { timeoutMs = 120_000, collectGarbage = true } = {},
): Promise<{ used: HeapUsage | null; live: HeapUsage | null }> {
  const none = { used: null, live: null };
  try {
    const url = await debuggerUrl(inspectorPort, timeoutMs);
    if (!url) return none;
    return await new Promise((resolve) => {
      const out: { used: HeapUsage | null; live: HeapUsage | null } = { used: null, live: null };
      const ws = new WebSocket(url);
      open++;
      ws.once("close", () => open--);
      let settled = false;
      // resolved once the socket is closed: the inspector refuses a second client while one is still connected
      const done = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.once("close", () => resolve(out));
        ws.close();
        setTimeout(() => resolve(out), 2_000).unref();
      };
      const timer = setTimeout(done, timeoutMs);
      const send = (id: number, method: string) => ws.send(JSON.stringify({ id, method }));
      ws.on("open", () => send(1, "Runtime.getHeapUsage"));
      ws.on("message", (data: Buffer) => {
        if (data.includes("addHeapSnapshotChunk")) return; // the snapshot itself: not wanted
        const msg = JSON.parse(data.toString("utf8")) as { id?: number; error?: unknown; result?: { usedSize: number; totalSize: number } };
        const usage = msg.result ? { usedBytes: msg.result.usedSize, totalBytes: msg.result.totalSize } : null;
        if (msg.id === 1) {
          out.used = usage;
          if (collectGarbage && usage) ws.send(JSON.stringify({ id: 2, method: "HeapProfiler.takeHeapSnapshot", params: { reportProgress: false } }));
          else done();
        } else if (msg.id === 2) {
          if (msg.error) done();
          else send(3, "Runtime.getHeapUsage");
        } else if (msg.id === 3) {
          out.live = usage;
          done();
        }
      });
      ws.on("error", () => {
        settled = true;
        clearTimeout(timer);
        resolve(out);
      });
    });
  } catch {
    return none;
  }
}

/** The heap as found (no collection forced). */
export async function isolateHeap(inspectorPort: number, timeoutMs = 10_000): Promise<HeapUsage | null> {
  return (await heapReading(inspectorPort, { timeoutMs, collectGarbage: false })).used;
}

/** Readings taken while something ran: the highest `used` as found, and the highest after a forced collection. */
export interface HeapSamples {
  samples: number;
  maxUsedBytes: number;
  maxLiveBytes: number;
  /** each reading: ms after the start (when the full collection was done), MB as found and live */
  readings: [number, number, number][];
}

/** Reads the heap every `everyMs` (as found, then after a full collection) until `stop()`; the readings so far. */
export function sampleHeap(inspectorPort: number, everyMs: number): { stop(): Promise<HeapSamples> } {
  const out: HeapSamples = { samples: 0, maxUsedBytes: 0, maxLiveBytes: 0, readings: [] };
  const t0 = Date.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const { used, live } = await heapReading(inspectorPort);
      if (used && live) {
        out.samples++;
        out.maxUsedBytes = Math.max(out.maxUsedBytes, used.usedBytes);
        out.maxLiveBytes = Math.max(out.maxLiveBytes, live.usedBytes);
        out.readings.push([Date.now() - t0, Math.round(used.usedBytes / 1e5) / 10, Math.round(live.usedBytes / 1e5) / 10]);
      }
      if (running) await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return out;
    },
  };
}

/** Sends `Network.disable` to the worker's inspector; whether it answered. */
export async function quietNetwork(inspectorPort: number, timeoutMs = 5_000): Promise<boolean> {
  try {
    const url = await debuggerUrl(inspectorPort, timeoutMs);
    if (!url) return false;
    return await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(url);
      open++;
      let answered = false;
      const timer = setTimeout(() => ws.terminate(), timeoutMs);
      ws.once("close", () => {
        open--;
        clearTimeout(timer);
        resolve(answered);
      });
      ws.on("open", () => ws.send(JSON.stringify({ id: 1, method: "Network.disable" })));
      ws.on("message", (data: Buffer) => {
        if ((JSON.parse(data.toString("utf8")) as { id?: number }).id !== 1) return;
        answered = true;
        ws.close();
      });
      ws.on("error", () => resolve(false));
    });
  } catch {
    return false;
  }
}

/** `quietNetwork` on every port now and every `everyMs` (skipped while another inspector session is open) until stopped. */
export function keepNetworkQuiet(inspectorPorts: number[], everyMs = 15_000): { stop(): void } {
  const round = () => {
    if (open === 0) for (const port of inspectorPorts) void quietNetwork(port);
  };
  round();
  const timer = setInterval(round, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
