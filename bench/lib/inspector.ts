// The V8 heap of a worker's isolate, read through wrangler dev's inspector (Chrome DevTools protocol,
// Runtime.getHeapUsage): used and total bytes of the JavaScript heap of the isolate that runs the worker — locally
// one isolate holds the Worker and every Durable Object of its classes, so for the catalogue it is the Worker, its
// caches and all index shards together. Null when the inspector does not answer.
import WebSocket from "ws";

export interface HeapUsage {
  usedBytes: number;
  totalBytes: number;
}

export async function isolateHeap(inspectorPort: number, timeoutMs = 10_000): Promise<HeapUsage | null> {
  try {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`, { signal: AbortSignal.timeout(timeoutMs) })).json()) as {
      webSocketDebuggerUrl?: string;
    }[];
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) return null;
    return await new Promise<HeapUsage | null>((resolve) => {
      const ws = new WebSocket(url);
      const done = (v: HeapUsage | null) => {
        clearTimeout(timer);
        ws.close();
        resolve(v);
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      ws.on("open", () => ws.send(JSON.stringify({ id: 1, method: "Runtime.getHeapUsage" })));
      ws.on("message", (data: Buffer) => {
        const msg = JSON.parse(data.toString("utf8")) as { id?: number; result?: { usedSize: number; totalSize: number } };
        if (msg.id === 1) done(msg.result ? { usedBytes: msg.result.usedSize, totalBytes: msg.result.totalSize } : null);
      });
      ws.on("error", () => done(null));
    });
  } catch {
    return null;
  }
}
