// Starts and stops the benchmark's own stack (ports 28787–28789, fresh storage), mints tokens with the
// development issuer, and reads the workers' peak memory.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DevTokenRequest } from "@regie/shared/auth/claims";
import { signDevToken } from "@regie/shared/auth/dev-issuer";
import { portsFor, startStack, stopWorkers, type AppName, type Log, type WorkerProcess } from "../../scripts/stack";
import { ensureDevEnv, ISSUER, type DevSecrets } from "../../scripts/dev-env";
import { keepNetworkQuiet } from "./inspector";

export const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 28787);
const USER_LOG_PATH = process.env.WRANGLER_LOG_PATH;

export function urls(portBase = PORT_BASE): Record<AppName, string> {
  const p = portsFor(portBase);
  return { portal: `http://127.0.0.1:${p.portal}`, consent: `http://127.0.0.1:${p.consent}`, catalogue: `http://127.0.0.1:${p.catalogue}` };
}

export interface BenchStack {
  children: WorkerProcess[];
  /** the development secrets the workers were started with (written before they started) */
  secrets: DevSecrets;
  persistTo: string;
  stop(): void;
}

/**
 * scripts/stack.ts startStack on the bench's ports and fresh storage, with the workers' output read from the start
 * and a longer start-up timeout. `onSpawned` gets the stack as soon as the workers run (so Ctrl-C stops them).
 */
export async function start(log: Log, onSpawned: (stack: BenchStack) => void = () => {}): Promise<BenchStack> {
  // the keys go into .dev.vars before any worker starts (a later write would make wrangler dev reload mid-seed)
  const secrets = await ensureDevEnv();
  const persistTo = mkdtempSync(join(tmpdir(), "regie-bench-"));
  log(`· starting the stack on ports ${PORT_BASE}–${PORT_BASE + 2} (storage in ${persistTo})`);
  // wrangler's debug log (every inspector message, hundreds of MB a run) goes with the storage, not into ~/.config
  process.env.WRANGLER_LOG_PATH = USER_LOG_PATH ?? join(persistTo, "wrangler-logs");
  let quiet: { stop(): void } | null = null;
  const stack: BenchStack = {
    children: [],
    secrets,
    persistTo,
    stop() {
      quiet?.stop();
      stopWorkers(stack.children);
      try {
        rmSync(persistTo, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    },
  };
  // Benchmarks send many requests from one address with many tokens: no per-client limit here.
  // BENCH_SHARD_COUNT overrides the consent worker's SHARD_COUNT (placement of citizens over shard objects)
  const vars = { RATE_LIMIT: "off", ...(process.env.BENCH_SHARD_COUNT ? { SHARD_COUNT: process.env.BENCH_SHARD_COUNT } : {}) };
  const onStarted = (children: WorkerProcess[]) => {
    stack.children = children;
    onSpawned(stack);
  };
  try {
    await startStack({ persistTo, stdio: "pipe", vars, portBase: PORT_BASE, timeoutMs: 180_000, log, onSpawned: onStarted });
  } catch (err) {
    stack.stop(); // startStack has stopped the workers; this removes the storage
    throw err;
  }
  quiet = keepNetworkQuiet(Object.values(portsFor(PORT_BASE)).map((p) => p + 1000));
  return stack;
}

export type Mint = (claims: DevTokenRequest) => Promise<string>;

/** Signs tokens as the portal's development issuer does (its signing function, key and issuer); writes nothing. */
export function tokenMinter(secrets: DevSecrets): Mint {
  return async (claims) => (await signDevToken(secrets.devIssuerPrivateJwk, ISSUER, claims)).token;
}

function descendants(pid: number): number[] {
  let out: number[] = [];
  let kids: number[] = [];
  try {
    kids = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((s) => Number(s.trim()))
      .filter(Boolean);
  } catch {
    /* no children */
  }
  for (const k of kids) out = out.concat([k], descendants(k));
  return out;
}

function status(pid: number): { name: string | undefined; hwm: number; rss: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN) * 1024;
    return { name: /^Name:\s+(\S+)/m.exec(text)?.[1], hwm: field("VmHWM"), rss: field("VmRSS") };
  } catch {
    return undefined;
  }
}

/** The workerd processes (wrangler's proxy and the worker itself) of one app's `wrangler dev` child. */
export function workerdPids(child: WorkerProcess): number[] {
  return descendants(child.pid!).filter((pid) => status(pid)?.name === "workerd");
}

/** CPU time (user + system, seconds) the processes have used so far. */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      /* process gone */
    }
  }
  return ticks / 100; // USER_HZ
}

/** Current resident memory of the processes, in bytes. */
export function rssBytes(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + (status(pid)?.rss || 0), 0);
}

export interface WorkerMemory {
  workerdProcesses: number;
  peakRssBytes: number;
  rssBytes: number;
}

/** Peak (VmHWM) and current RSS of each app's workerd processes, in bytes. */
export function memory(children: readonly WorkerProcess[]): Partial<Record<AppName, WorkerMemory>> {
  const out: Partial<Record<AppName, WorkerMemory>> = {};
  for (const child of children) {
    const procs = descendants(child.pid!)
      .map((pid) => ({ pid, ...status(pid) }))
      .filter((p) => p.name === "workerd");
    out[child.appName] = {
      workerdProcesses: procs.length,
      peakRssBytes: procs.reduce((s, p) => s + (p.hwm || 0), 0),
      rssBytes: procs.reduce((s, p) => s + (p.rss || 0), 0),
    };
  }
  return out;
}
