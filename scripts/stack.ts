// Starts the three workers locally with `wrangler dev` (workerd, local D1 and Durable Objects),
// connected through the local dev registry (service bindings). Used by `npm start`, the end-to-end
// tests (apps/portal/e2e), the backup tests (scripts/test) and the benchmarks (bench/).
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { ensureDevEnv, root, type DevSecrets } from "./dev-env";

export type AppName = "consent" | "catalogue" | "portal";

/** Ports are relative to a base (8787 for `npm start`), so tests and benchmarks can run a stack beside it. */
export const APPS: readonly { name: AppName; offset: number }[] = [
  { name: "consent", offset: 1 },
  { name: "catalogue", offset: 2 },
  { name: "portal", offset: 0 },
];

export function portsFor(portBase = 8787): Record<AppName, number> {
  return { portal: portBase, consent: portBase + 1, catalogue: portBase + 2 };
}

/** Whether nothing listens on 127.0.0.1:`port` (by binding it for a moment). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * The first port base from `preferred` (in steps of 10) whose three app ports and three inspector ports (+1000) are all
 * free. Test and bench stacks start below Linux's ephemeral range (32768–60999), where the OS hands out ports to other
 * processes' outgoing connections and listeners (workerd in a concurrently running vitest pool, another checkout's
 * tests); probing as well lets two stacks start side by side.
 */
export async function freePortBase(preferred: number, tries = 40): Promise<number> {
  for (let base = preferred; base < preferred + tries * 10; base += 10) {
    const ports = APPS.flatMap((app) => [base + app.offset, base + app.offset + 1000]);
    const free = await Promise.all(ports.map(portIsFree));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no free port base from ${preferred} (tried ${tries}, in steps of 10)`);
}

export const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/**
 * The wrangler environment every local stack runs: `dev` (development routes, local bindings, rate limiting off).
 * The top level of each wrangler.jsonc is production and is never what `npm start` runs.
 */
export const DEV_ENV = "dev";

export function quietEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    CI: process.env.CI ?? "",
    ...extra,
  };
}

/** One app's `wrangler dev` process. With stdio "pipe", `outputTail` keeps its last lines of output (for error reports). */
export interface WorkerProcess extends ChildProcess {
  appName: AppName;
  outputTail: string[];
}

export type Log = (line: string) => void;

export interface StackOptions {
  /** Local storage: `<persistTo>/<app>` per app (default: each app's own .wrangler/state). */
  persistTo?: string;
  /** "pipe": the output is read (its last 40 lines kept in `outputTail`) so a full pipe never blocks a worker. */
  stdio?: "inherit" | "pipe";
  /** Passed to every worker with --var. */
  vars?: Record<string, string>;
  portBase?: number;
  /** How long the workers may take to answer /health (default 90 s). */
  timeoutMs?: number;
  /** POST /dev/seed on each app once healthy (default true). */
  seed?: boolean;
  log?: Log;
  /** Called as soon as the workers are spawned, so that a Ctrl-C during start-up can stop them too. */
  onSpawned?: (children: WorkerProcess[]) => void;
}

/** Applies each app's D1 migrations to its local database (idempotent). */
export function applyMigrations({ persistTo, log = console.log }: Pick<StackOptions, "persistTo" | "log"> = {}): void {
  for (const app of APPS) {
    const dir = join(root, "apps", app.name);
    const migrations = join(dir, "migrations");
    if (!existsSync(migrations) || readdirSync(migrations).length === 0) continue;
    log(`· ${app.name}: applying D1 migrations`);
    const args = [wranglerBin, "d1", "migrations", "apply", "DB", "--local", "--env", DEV_ENV];
    if (persistTo) args.push("--persist-to", join(persistTo, app.name));
    execFileSync(process.execPath, args, { cwd: dir, env: quietEnv({ CI: "true" }), stdio: ["ignore", "pipe", "pipe"] });
  }
}

/** Keeps the last lines of a child's output (a full pipe would block the worker). */
function keepTail(child: WorkerProcess): void {
  const tail = child.outputTail;
  const keep = (chunk: Buffer | string) => {
    for (const line of String(chunk).split("\n")) if (line.trim()) tail.push(line);
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
}

/** Spawns `wrangler dev` for each app in its own process group. */
export function spawnWorkers({
  persistTo,
  stdio = "inherit",
  vars = {},
  secrets,
  portBase = 8787,
}: StackOptions & { secrets?: DevSecrets } = {}): WorkerProcess[] {
  // Each stack has its own dev registry, so service bindings never reach another stack's workers.
  const registry = join(root, ".wrangler", `registry-${portBase}`);
  return APPS.map((app) => {
    const dir = join(root, "apps", app.name);
    const port = portBase + app.offset;
    const args = [
      wranglerBin,
      "dev",
      "--env",
      DEV_ENV,
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(port + 1000),
      "--show-interactive-dev-session=false",
      "--log-level",
      "warn",
    ];
    if (persistTo) args.push("--persist-to", join(persistTo, app.name));
    const appVars = { ...vars };
    if (app.name === "portal" && secrets) appVars.DEV_ISSUER_PRIVATE_JWK = JSON.stringify(secrets.devIssuerPrivateJwk);
    for (const [k, v] of Object.entries(appVars)) args.push("--var", `${k}:${v}`);
    const child = Object.assign(spawn(process.execPath, args, { cwd: dir, env: quietEnv({ WRANGLER_REGISTRY_PATH: registry }), stdio, detached: true }), {
      appName: app.name,
      outputTail: [] as string[],
    });
    keepTail(child);
    return child;
  });
}

/**
 * Waits until `url` answers 2xx. Each probe has its own timeout, so a hung worker cannot hang the caller; when `child`
 * exits first, or the time is up, it throws with `output()` (the child's last lines) in the message.
 */
export async function waitUntilHealthy(
  url: string,
  {
    timeoutMs = 90_000,
    deadline = Date.now() + timeoutMs,
    child,
    name = url,
    output = () => "",
  }: { timeoutMs?: number; deadline?: number; child?: ChildProcess; name?: string; output?: () => string } = {},
): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (child && child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${output()}`);
    if (Date.now() > deadline) throw new Error(`${name} did not become healthy at ${url}: ${output()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Waits until every app of the stack on `portBase` answers /health (one deadline for all). */
export async function waitForHealth({
  children = [],
  timeoutMs = 90_000,
  portBase = 8787,
}: { children?: WorkerProcess[]; timeoutMs?: number; portBase?: number } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const app of APPS) {
    const child = children.find((c) => c.appName === app.name);
    await waitUntilHealthy(`http://127.0.0.1:${portBase + app.offset}/health`, {
      deadline,
      child,
      name: app.name,
      output: () => child?.outputTail.join("\n") ?? "",
    });
  }
}

/** Calls each service's development seed endpoint (idempotent; present only in development). */
export async function seed(log: Log = console.log, portBase = 8787): Promise<void> {
  for (const app of APPS) {
    const res = await fetch(`http://127.0.0.1:${portBase + app.offset}/dev/seed`, { method: "POST" }).catch(() => undefined);
    if (res && res.ok) log(`· ${app.name}: ${JSON.stringify(await res.json())}`);
    else if (res && res.status !== 404) log(`· ${app.name}: seeding failed with ${res.status}: ${await res.text()}`);
  }
}

export function stopWorkers(children: readonly ChildProcess[]): void {
  for (const child of children) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
  }
}

/** Development secrets, D1 migrations, `wrangler dev` per app, /health, POST /dev/seed. Stops the workers if any step fails. */
export async function startStack(opts: StackOptions = {}): Promise<WorkerProcess[]> {
  const secrets = await ensureDevEnv();
  applyMigrations(opts);
  const children = spawnWorkers({ ...opts, secrets });
  opts.onSpawned?.(children);
  try {
    await waitForHealth({ children, timeoutMs: opts.timeoutMs, portBase: opts.portBase });
    if (opts.seed !== false) await seed(opts.log, opts.portBase);
  } catch (err) {
    stopWorkers(children);
    throw err;
  }
  return children;
}
