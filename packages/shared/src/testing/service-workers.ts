/// <reference types="node" />
/**
 * The real services as auxiliary workers of a workerd test pool (the portal's route tests): each service is built
 * once per run, exactly as `wrangler deploy --dry-run` bundles it (`buildServiceWorkers`, from a vitest globalSetup),
 * and declared to miniflare with the bindings wrangler derives from its own wrangler.jsonc environment (D1, Durable
 * Objects, Queues, R2, Rate Limiting, vars, service bindings) plus the secrets a test run gives it
 * (`serviceWorkerOptions`). Each test file gets a fresh miniflare, so fresh storage in every service.
 *
 * Node side only (vitest configs and global setups); loaded by the configs through tsx.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, resolve } from "node:path";
import type { WorkerOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const require = createRequire(import.meta.url);

/** Where a service's bundle goes: `<outRoot>/<app folder name>/index.js`. */
export function serviceBundle(appDir: string, outRoot: string): string {
  return join(resolve(outRoot), basename(resolve(appDir)), "index.js");
}

/** Bundles each service with `wrangler deploy --dry-run --outdir` under the given environment (no upload). */
export function buildServiceWorkers(appDirs: readonly string[], outRoot: string, environment = "dev"): void {
  const wrangler = require.resolve("wrangler/bin/wrangler.js");
  for (const dir of appDirs) {
    const outdir = join(resolve(outRoot), basename(resolve(dir)));
    execFileSync(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", outdir, "--env", environment], {
      cwd: resolve(dir),
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_LOG: "error", CI: "true" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    if (!existsSync(serviceBundle(dir, outRoot))) throw new Error(`wrangler built no bundle for ${dir} in ${outdir}`);
  }
}

export interface ServiceWorker {
  /** The app's folder (with its wrangler.jsonc). */
  appDir: string;
  /** Where buildServiceWorkers put the bundles. */
  outRoot: string;
  environment?: string;
  /** The secrets an operator would set (test keys). */
  secrets: Record<string, string>;
}

/**
 * Miniflare options for one service: its name (so other workers' service bindings find it, e.g.
 * `regie-consent-dev`), its built script, and its bindings from its wrangler.jsonc. Static assets (the API
 * reference's files) are left out: no test reaches them through a binding.
 */
export function serviceWorkerOptions({ appDir, outRoot, environment = "dev", secrets }: ServiceWorker): WorkerOptions {
  const config = join(resolve(appDir), "wrangler.jsonc");
  const { workerOptions } = quietly(() => unstable_getMiniflareWorkerOptions(config, environment, { overrides: { enableContainers: false } }));
  const { assets: _assets, ...options } = workerOptions as typeof workerOptions & { assets?: unknown };
  const name = workerName(config, environment);
  return { ...options, name, modules: true, scriptPath: serviceBundle(appDir, outRoot), bindings: { ...options.bindings, ...secrets } } as WorkerOptions;
}

/** Runs `read` with wrangler's log level at "error" (its config warnings would repeat for every run). */
function quietly<T>(read: () => T): T {
  const before = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = "error";
  try {
    return read();
  } finally {
    if (before === undefined) delete process.env.WRANGLER_LOG;
    else process.env.WRANGLER_LOG = before;
  }
}

/** The deployed name of a worker in an environment (`<name>-<env>`, as wrangler names it). */
function workerName(config: string, environment: string): string {
  const { unstable_readConfig } = require("wrangler") as typeof import("wrangler");
  const read = quietly(() => unstable_readConfig({ config, env: environment }, { hideWarnings: true }));
  if (!read.name) throw new Error(`${config} names no worker`);
  return read.name;
}

/** The plain variables of a worker's environment in its wrangler.jsonc (e.g. the portal's development ISSUER). */
export function workerVars(appDir: string, environment = "dev"): Record<string, string> {
  const { unstable_readConfig } = require("wrangler") as typeof import("wrangler");
  const read = quietly(() => unstable_readConfig({ config: join(resolve(appDir), "wrangler.jsonc"), env: environment }, { hideWarnings: true }));
  return Object.fromEntries(Object.entries(read.vars).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** A service's D1 binding id (the runner binds the same id to apply the service's migrations). */
export function d1DatabaseId(options: WorkerOptions, binding = "DB"): string {
  const d1 = (options.d1Databases ?? {}) as Record<string, string | { id: string }>;
  const entry = d1[binding];
  if (!entry) throw new Error(`${options.name} has no D1 binding ${binding}`);
  return typeof entry === "string" ? entry : entry.id;
}
