/**
 * The production contract every Regie worker keeps, as one reusable vitest suite. It runs inside workerd against
 * each app's *top-level* wrangler.jsonc (what `wrangler deploy` ships; see each app's vitest.production.config.ts),
 * with only the secrets an operator would `wrangler secret put` added:
 * - the worker runs in production mode, /health answers;
 * - development routes are not in the route table (404, and absent from /openapi.json);
 * - rate limiting is on, counted by Cloudflare's Rate Limiting binding and keyed on the verified client;
 * - every required secret, variable and binding, when missing, gives 503 problem+json on /health and on every
 *   route, naming it (and never its value).
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Requirement } from "../http/worker";

/** The app under test: its name (/health's `service`), the worker as deployed, what it requires, its route table. */
export interface DeployedApp {
  service: string;
  /** The worker as deployed (its default export's fetch), called with a given env. */
  worker: { fetch(request: Request, env: never, ctx: ExecutionContext): Response | Promise<Response> };
  requirements: readonly Requirement[];
  /** The app's route table builder; the suite reads the table of the app built for production. */
  buildApp: (mode: "production") => { routes: { method: string; path: string }[] };
}

export interface ProductionSuiteOptions {
  app: DeployedApp;
  /** Where the requests go (default https://<service>.regie.test). */
  origin?: string;
  /**
   * Development-only routes: each must be absent from the route table and answer 404 in production (or `status`, when
   * a guard that runs before routing refuses the request first, such as the portal's CSRF check on form posts).
   */
  developmentRoutes: { method: string; path: string; status?: number }[];
  /** A request a client sends, and the headers that identify two different clients. */
  limited: { path: string; clientA: () => Promise<Record<string, string>>; clientB: () => Promise<Record<string, string>> };
  /** The committed rule (RATE_LIMIT var and the binding's `simple` limit); default every app's { limit: 600, period: 60 }. */
  rule?: { limit: number; period: number };
}

const ctx = (): ExecutionContext => ({ waitUntil() {}, passThroughOnException() {}, props: {} }) as unknown as ExecutionContext;

export function productionSuite(options: ProductionSuiteOptions) {
  const o = {
    ...options,
    ...options.app,
    origin: options.origin ?? `https://${options.app.service}.regie.test`,
    rule: options.rule ?? { limit: 600, period: 60 },
    // the production env of the test run
    env: env as unknown as Record<string, unknown>,
  };
  const call = (path: string, init: RequestInit = {}, env: Record<string, unknown> = o.env) =>
    Promise.resolve(o.worker.fetch(new Request(`${o.origin}${path}`, init), env as never, ctx()));

  describe(`${o.service} as \`wrangler deploy\` ships it`, () => {
    it("runs in production mode and answers /health", async () => {
      expect(o.env.ENVIRONMENT).toBe("production");
      const res = await call("/health");
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", service: o.service });
    });

    it("has no development routes: none is in the route table or /openapi.json, and each is a 404 problem", async () => {
      const table = o.buildApp("production").routes.map((r) => `${r.method} ${r.path}`);
      expect(table.length).toBeGreaterThan(5);
      for (const r of o.developmentRoutes) expect(table).not.toContain(`${r.method} ${r.path}`);
      expect(table.filter((r) => r.includes("/dev/"))).toEqual([]);
      for (const r of o.developmentRoutes) {
        const res = await call(r.path, r.method === "GET" ? {} : { method: r.method, headers: { "content-type": "application/json" }, body: "{}" });
        expect(res.status, `${r.method} ${r.path}`).toBe(r.status ?? 404);
      }
      const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, unknown> };
      const paths = Object.keys(doc.paths);
      for (const r of o.developmentRoutes) expect(paths).not.toContain(r.path);
      expect(paths.filter((p) => p.startsWith("/dev/"))).toEqual([]);
    });

    it(`limits each client to ${o.rule.limit} requests per ${o.rule.period} s with the Rate Limiting binding; other clients are served`, async () => {
      const a = await o.limited.clientA();
      // The binding counts in fixed windows of `period` seconds aligned to the clock (Cloudflare's and
      // miniflare's alike): start in a fresh window, or a count straddling a boundary restarts at zero.
      const windowMs = o.rule.period * 1000;
      const left = windowMs - (Date.now() % windowMs);
      if (left < Math.min(windowMs / 2, 20_000)) await new Promise((r) => setTimeout(r, left + 50));
      // the real binding, with a count of how often the worker asks it
      const binding = o.env.RATE_LIMITER as { limit(k: { key: string }): Promise<{ success: boolean }> };
      expect(typeof binding?.limit).toBe("function");
      const keys: string[] = [];
      const counted = { ...o.env, RATE_LIMITER: { limit: (k: { key: string }) => (keys.push(k.key), binding.limit(k)) } };
      let n = 0;
      let res: Response | undefined;
      while (n < o.rule.limit + 5) {
        res = await call(o.limited.path, { headers: a }, counted);
        n++;
        if (res.status === 429) break;
        await res.body?.cancel();
      }
      expect(res?.status).toBe(429);
      // the binding counts exactly the committed limit (it and RATE_LIMIT must agree)
      expect(n).toBe(o.rule.limit + 1);
      expect(keys).toHaveLength(n);
      expect(new Set(keys).size).toBe(1);
      expect(res!.headers.get("content-type")).toBe("application/problem+json");
      expect(Number(res!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(res!.headers.get("ratelimit-policy")).toBe(`${o.rule.limit};w=${o.rule.period}`);
      const other = await call(o.limited.path, { headers: await o.limited.clientB() }, counted);
      expect(other.status).not.toBe(429);
      expect(keys.at(-1)).not.toBe(keys[0]);
      // health probes are never limited
      expect((await call("/health", { headers: a }, counted)).status).toBe(200);
    }, 90_000);

    const required = o.requirements.filter((r) => r.only !== "development");
    it.each(required.map((r) => [r.kind, r.name] as const))("without the %s %s it answers 503 naming it, on /health and every route", async (_kind, name) => {
      const env = { ...o.env };
      delete env[name];
      for (const path of ["/health", "/openapi.json", o.limited.path, "/no-such-route"]) {
        const res = await call(path, {}, env);
        expect(res.status, path).toBe(503);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        const problem = (await res.json()) as { detail: string; errors: { path: string; message: string }[] };
        expect(problem.errors.map((e) => e.path)).toEqual([`/env/${name}`]);
        expect(problem.detail).toContain(name);
      }
    });

    it("a malformed secret or variable is refused like a missing one, without echoing a secret's value", async () => {
      const secretReq = required.find((r) => r.kind === "secret")!;
      expect(secretReq).toBeDefined();
      const env = { ...o.env, [secretReq.name]: "x" };
      const res = await call("/health", {}, env);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).toContain(secretReq.name);
      const env2 = { ...o.env, ENVIRONMENT: "staging" };
      const res2 = await call("/health", {}, env2);
      expect(res2.status).toBe(503);
      expect(await res2.text()).toContain("ENVIRONMENT");
    });
  });
}
