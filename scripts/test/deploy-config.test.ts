/**
 * What `wrangler deploy` ships, checked on every `npm test`: each app's top-level wrangler.jsonc is production,
 * declares everything the worker's start-up check requires, and `wrangler deploy --dry-run` builds it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { unstable_readConfig } from "wrangler";
import { afterAll, describe, expect, it } from "vitest";
import type { Requirement } from "@regie/shared/http/worker";
import { REQUIREMENTS as CATALOGUE } from "@regie/catalogue/config";
import { REQUIREMENTS as CONSENT } from "@regie/consent/config";
import { REQUIREMENTS as PORTAL } from "@regie/portal/config";

const root = join(import.meta.dirname, "..", "..");
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), "regie-dry-run-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const APPS: { app: string; requirements: readonly Requirement[] }[] = [
  { app: "consent", requirements: CONSENT },
  { app: "catalogue", requirements: CATALOGUE },
  { app: "portal", requirements: PORTAL },
];

function configOf(app: string, env?: string) {
  return unstable_readConfig({ config: join(root, "apps", app, "wrangler.jsonc"), env }, { hideWarnings: true });
}

function bindingNames(c: ReturnType<typeof configOf>): string[] {
  return [
    ...c.d1_databases.map((b: { binding: string }) => b.binding),
    ...c.durable_objects.bindings.map((b: { name: string }) => b.name),
    ...(c.services ?? []).map((b: { binding: string }) => b.binding),
    ...c.ratelimits.map((b: { name: string }) => b.name),
    ...c.r2_buckets.map((b: { binding: string }) => b.binding),
    ...(c.queues.producers ?? []).map((b: { binding: string }) => b.binding),
  ];
}

describe.each(APPS)("apps/$app/wrangler.jsonc", ({ app, requirements }) => {
  const prod = configOf(app);
  const dev = configOf(app, "dev");

  it("is production at the top level and development only in the `dev` environment", () => {
    expect(prod.vars.ENVIRONMENT).toBe("production");
    expect(dev.vars.ENVIRONMENT).toBe("development");
    expect(prod.name).toBe(`regie-${app}`);
    expect(dev.name).toBe(`regie-${app}-dev`);
  });

  it("declares every secret, variable and binding the production start-up check requires", () => {
    const needed = requirements.filter((r) => r.only !== "development");
    for (const r of needed) {
      if (r.kind === "secret") expect(prod.secrets?.required, r.name).toContain(r.name);
      if (r.kind === "variable") expect(Object.keys(prod.vars), r.name).toContain(r.name);
      if (r.kind === "binding") expect(bindingNames(prod), r.name).toContain(r.name);
    }
    // and nothing the check does not know about is declared as a required secret
    const secrets = needed.filter((r) => r.kind === "secret").map((r) => r.name);
    expect([...(prod.secrets?.required ?? [])].sort()).toEqual(secrets.sort());
  });

  it("the development environment has every binding production has", () => {
    expect(bindingNames(dev).sort()).toEqual(bindingNames(prod).sort());
  });

  it("rate limits with Cloudflare's binding, whose rule equals RATE_LIMIT", () => {
    const [limiter] = prod.ratelimits;
    expect(limiter?.name).toBe("RATE_LIMITER");
    expect(`${limiter?.simple.limit}/${limiter?.simple.period}`).toBe(prod.vars.RATE_LIMIT);
  });

  it("builds with `wrangler deploy --dry-run` as a production worker", async () => {
    const { stdout } = await run(process.execPath, [wrangler, "deploy", "--dry-run", "--outdir", join(out, app), "--env", ""], {
      cwd: join(root, "apps", app),
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true", NO_COLOR: "1" },
    });
    expect(stdout).toContain('env.ENVIRONMENT ("production")');
    expect(stdout).toMatch(/env\.RATE_LIMITER \(600 requests\/60s\)\s+Rate Limit/);
    expect(stdout).toContain("--dry-run: exiting now.");
    expect(stdout).not.toContain("development");
  }, 60_000);
});

describe("production values that must not change once data exists", () => {
  it("the consent store is split over 4,096 shard objects", () => {
    expect(configOf("consent").vars.SHARD_COUNT).toBe("4096");
  });

  it("the workers that run long computations have the Paid plan's CPU limit set", () => {
    expect(configOf("consent").limits?.cpu_ms).toBe(30_000);
    expect(configOf("catalogue").limits?.cpu_ms).toBe(30_000);
  });
});
