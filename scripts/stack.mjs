// Starts the three workers locally with `wrangler dev` (workerd, local D1 and Durable Objects),
// connected through the local dev registry (service bindings). Used by `npm start`, the end-to-end
// tests and the benchmarks.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ensureDevEnv, root } from "./dev-env.mjs";

/** Ports are relative to a base (8787 for `npm start`), so tests and benchmarks can run a stack beside it. */
export const APPS = [
  { name: "consent", offset: 1 },
  { name: "catalogue", offset: 2 },
  { name: "portal", offset: 0 },
];

export function portsFor(portBase = 8787) {
  return { portal: portBase, consent: portBase + 1, catalogue: portBase + 2 };
}

const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

/**
 * The wrangler environment every local stack runs: `dev` (development routes, local bindings, rate limiting off).
 * The top level of each wrangler.jsonc is production and is never what `npm start` runs.
 */
export const DEV_ENV = "dev";

export function quietEnv(extra = {}) {
  return { ...process.env, WRANGLER_SEND_METRICS: "false", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: process.env.CI ?? "", ...extra };
}

/** Applies each app's D1 migrations to its local database (idempotent). */
export function applyMigrations({ persistTo, log = console.log } = {}) {
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

/** Spawns `wrangler dev` for each app in its own process group. */
export function spawnWorkers({ persistTo, stdio = "inherit", vars = {}, secrets, portBase = 8787 } = {}) {
  // Each stack has its own dev registry, so service bindings never reach another stack's workers.
  const registry = join(root, ".wrangler", `registry-${portBase}`);
  return APPS.map((app) => {
    const dir = join(root, "apps", app.name);
    const port = portBase + app.offset;
    const args = [wranglerBin, "dev", "--env", DEV_ENV, "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(port + 1000), "--show-interactive-dev-session=false", "--log-level", "warn"];
    if (persistTo) args.push("--persist-to", join(persistTo, app.name));
    const appVars = { ...vars };
    if (app.name === "portal" && secrets) appVars.DEV_ISSUER_PRIVATE_JWK = JSON.stringify(secrets.devIssuerPrivateJwk);
    for (const [k, v] of Object.entries(appVars)) args.push("--var", `${k}:${v}`);
    const child = spawn(process.execPath, args, { cwd: dir, env: quietEnv({ WRANGLER_REGISTRY_PATH: registry }), stdio, detached: true });
    child.appName = app.name;
    return child;
  });
}

export async function waitForHealth(timeoutMs = 90_000, portBase = 8787) {
  const deadline = Date.now() + timeoutMs;
  for (const app of APPS) {
    const port = portBase + app.offset;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`${app.name} did not become healthy on port ${port}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** Calls each service's development seed endpoint (idempotent; present only in development). */
export async function seed(log = console.log, portBase = 8787) {
  for (const app of APPS) {
    const res = await fetch(`http://127.0.0.1:${portBase + app.offset}/dev/seed`, { method: "POST" }).catch(() => undefined);
    if (res && res.ok) log(`· ${app.name}: ${JSON.stringify(await res.json())}`);
    else if (res && res.status !== 404) log(`· ${app.name}: seeding failed with ${res.status}: ${await res.text()}`);
  }
}

export function stopWorkers(children) {
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

export async function startStack(opts = {}) {
  const secrets = await ensureDevEnv();
  applyMigrations(opts);
  const children = spawnWorkers({ ...opts, secrets });
  try {
    await waitForHealth(opts.timeoutMs, opts.portBase);
  } catch (err) {
    stopWorkers(children);
    throw err;
  }
  if (opts.seed !== false) await seed(opts.log, opts.portBase);
  return children;
}
