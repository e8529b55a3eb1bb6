// Drives one scenario with autocannon and summarises it from every response's own latency
// (autocannon's summary has no p95, so percentiles are computed here from the raw samples).
import autocannon from "autocannon";
import { cpuSeconds } from "./stack";

export const QUICK = process.env.BENCH_QUICK === "1";
export const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 2 : 6));
const WARMUP = Number(process.env.BENCH_WARMUP ?? (QUICK ? 0.5 : 1));

/** An autocannon request; `setupRequest` may vary the path, headers or body per request. */
export type LoadRequest = autocannon.Request;

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

function once(opts: autocannon.Options): Promise<{ result: autocannon.Result; latencies: number[]; statuses: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve({ result, latencies, statuses })));
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

export interface Measurement {
  connections: number;
  durationSeconds: number;
  requests: number;
  reqPerSec: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
  /** CPU time of `cpuPids` per request during the measured window, in µs (only when `cpuPids` was given). */
  workerCpuUsPerRequest?: number | null;
}

/**
 * Runs `requests` against `url` with `connections` for DURATION seconds after a short warm-up, and returns req/s,
 * p50/p95/p99 (ms), the number of requests and the share that was not 2xx. With `cpuPids`, also the CPU time those
 * processes used per request during the measured window (not the warm-up), in µs: `workerCpuUsPerRequest`.
 */
export async function measure({
  url,
  connections,
  requests,
  headers = {},
  duration = DURATION,
  cpuPids,
}: {
  url: string;
  connections: number;
  requests: LoadRequest[];
  headers?: Record<string, string>;
  duration?: number;
  cpuPids?: number[];
}): Promise<Measurement> {
  const base = { url, connections, headers, requests, pipelining: 1, timeout: 30 };
  if (WARMUP > 0) await once({ ...base, duration: WARMUP });
  const cpuBefore = cpuPids?.length ? cpuSeconds(cpuPids) : 0;
  const { result, latencies, statuses } = await once({ ...base, duration });
  const cpu = cpuPids?.length ? cpuSeconds(cpuPids) - cpuBefore : null;
  latencies.sort((a, b) => a - b);
  const total = latencies.length;
  const ok = Object.entries(statuses).reduce((s, [code, n]) => (Number(code) >= 200 && Number(code) < 300 ? s + n : s), 0);
  return {
    connections,
    durationSeconds: duration,
    requests: total,
    // autocannon's result.duration is in seconds
    reqPerSec: Math.round((total / (result.duration || duration)) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: (result.errors ?? 0) + (result.timeouts ?? 0),
    non2xx: total - ok,
    statuses,
    ...(cpu === null ? {} : { workerCpuUsPerRequest: total ? Math.round((cpu * 1e6) / total) : null }),
  };
}

/**
 * One request, checked: throws with the answer if it is not what the scenario expects. Returns the parsed JSON body
 * (or the text when it is not JSON); `T` is what the caller expects it to hold, not checked.
 */
export async function expectOk<T = unknown>(
  url: string,
  init?: RequestInit,
  check: (res: Response, text: string) => boolean | Promise<boolean> = (res) => res.ok,
): Promise<T> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!(await check(res, text))) throw new Error(`${init?.method ?? "GET"} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}

/** Does the route exist? A missing route is a 404 problem "No resource at …" (the factory's notFound). */
export async function routeExists(url: string, init: RequestInit = {}): Promise<boolean> {
  try {
    const res = await fetch(url, init);
    if (res.status !== 404) return true;
    const text = await res.text();
    return !/No resource at/.test(text);
  } catch {
    return false;
  }
}

/** Runs async `work(item)` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  let next = 0;
  const results = new Array<R>(items.length);
  async function lane() {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}
