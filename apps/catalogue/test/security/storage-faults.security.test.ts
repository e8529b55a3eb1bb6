/**
 * Fault injection: a D1 write that fails on the way (connection lost) leaves nothing half-written, and the
 * client gets a retryable 503 problem+json with Retry-After; the same request afterwards succeeds once.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { mintToken } from "@regie/shared/testing/tokens";
import { buildApp } from "../../src/app";
import { BASE, minimalDataset } from "../helpers";

/** The real database, except that `batch` (every write of the catalogue) fails like a lost connection. */
function failingBatches(db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "batch") return async () => Promise.reject(new Error("D1_ERROR: Network connection lost."));
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function call(app: ReturnType<typeof buildApp>, db: D1Database, req: Request) {
  const ctx = createExecutionContext();
  const res = await app.fetch(req, { ...env, DB: db }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function count(app: ReturnType<typeof buildApp>): Promise<number> {
  const res = await call(app, env.DB, new Request(`${BASE}/v1/datasets?limit=1`));
  return ((await res.json()) as { total: number }).total;
}

describe("a D1 write that fails on the way", () => {
  it("publishing: 503 with Retry-After, nothing stored; the retry stores it once", async () => {
    const app = buildApp("development");
    const token = await mintToken(env, { role: "publisher", publisherId: "rivm" });
    const body = JSON.stringify(minimalDataset({ identifier: "FAULT-1", title: { en: "Fault injection" } }));
    const request = () =>
      new Request(`${BASE}/v1/datasets`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
    const before = await count(app);
    const failed = await call(app, failingBatches(env.DB), request());
    expect(failed.status).toBe(503);
    expect(failed.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(failed.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await failed.text()).not.toMatch(/D1_ERROR|stack/i);
    expect(await count(app)).toBe(before);
    const retried = await call(app, env.DB, request());
    expect(retried.status).toBe(201);
    expect(await count(app)).toBe(before + 1);
  });

  it("harvest: 503, and none of the document's datasets is imported", async () => {
    const app = buildApp("development");
    const token = await mintToken(env, { role: "publisher", publisherId: "rivm" });
    // Publish one dataset to get a valid Turtle document, then harvest it under a new IRI.
    const pub = await call(
      app,
      env.DB,
      new Request(`${BASE}/v1/datasets`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(minimalDataset({ identifier: "FAULT-2" })),
      }),
    );
    expect(pub.status).toBe(201);
    const { id } = (await pub.json()) as { id: string };
    const turtle = await (await call(app, env.DB, new Request(`${BASE}/v1/datasets/${id}`, { headers: { accept: "text/turtle" } }))).text();
    const doc = turtle.replaceAll(id, `${id}-harvested`).replaceAll("FAULT-2", "FAULT-3");
    const before = await count(app);
    const failed = await call(
      app,
      failingBatches(env.DB),
      new Request(`${BASE}/v1/harvest`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/turtle" }, body: doc }),
    );
    expect(failed.status).toBe(503);
    expect(await count(app)).toBe(before);
  });
});
