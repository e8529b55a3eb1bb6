import { env, runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { ApiError, shardOf } from "@regie/shared";
import { buildApp } from "../../src/app";
import type { ConsentShard } from "../../src/storage/shard";
import { ensureShardCount, forgetConfirmedShardCounts, parseShardCount, PRODUCTION_SHARD_COUNT } from "../../src/storage/shard-count";
import { shardObject } from "../../src/storage/shards";
import { BASE, checkBody, citizenToken, freshBsn, providerToken, pseudonym } from "../helpers";

// Every call goes through buildApp() in this file (not SELF), so the test and the worker share one module instance
// and forgetConfirmedShardCounts() really makes the next call check D1 again.
const app = buildApp("development");
const RECORDED = env.SHARD_COUNT; // the count the store is populated with (wrangler.jsonc)
const OTHER = String(Number(RECORDED) * 16); // 256 -> 4096: the values most likely to be confused

async function request(path: string, init: { method?: string; token?: string; body?: unknown }, shardCount = RECORDED) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await app.request(
    BASE + path,
    { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) },
    { ...env, SHARD_COUNT: shardCount },
  );
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), body: text ? JSON.parse(text) : undefined };
}

/** The error an RPC call ends with (awaited here, so its rejection is handled). */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    return String((err as Error).message);
  }
  return "(not refused)";
}

const recordedInD1 = async () => (await env.DB.prepare("SELECT key, value FROM deployment_settings").all()).results;

/** Rows the citizen has in their shard object (the one RECORDED puts them in). */
async function shardRows(p: string) {
  return runInDurableObject(shardObject(env, p), (_s: ConsentShard, state) => ({
    choices: state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM choices WHERE citizen = ?", p).one().n,
    log: state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM access_log WHERE citizen = ?", p).one().n,
    settings: state.storage.sql.exec<{ key: string; value: string }>("SELECT key, value FROM shard_settings ORDER BY key").toArray(),
  }));
}

const choice = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC013", decision: "permit" };

/** A fresh citizen who has recorded `choice` (under the recorded count): BSN, pseudonym and token. */
async function citizenWithChoice() {
  const bsn = freshBsn();
  const p = await pseudonym(bsn);
  const t = await citizenToken(bsn);
  expect((await request("/v1/me/choices", { method: "POST", token: t, body: choice })).status).toBe(201);
  return { bsn, p, t };
}

describe("SHARD_COUNT is recorded on first use and another value is refused", () => {
  beforeEach(() => forgetConfirmedShardCounts());

  it("a populated store refuses a worker with another count (reads and writes, 503 naming both values) and writes nothing", async () => {
    const { bsn, p, t } = await citizenWithChoice();
    expect(await recordedInD1()).toEqual([{ key: "shard_count", value: RECORDED }]);
    const before = await shardRows(p);
    expect(before).toMatchObject({ choices: 1, log: 1 });
    expect(before.settings).toEqual([
      { key: "shard_count", value: RECORDED },
      { key: "shard_number", value: String(shardOf(p, Number(RECORDED))) },
    ]);

    forgetConfirmedShardCounts(); // a fresh isolate started with the other count
    const calls = [
      request("/v1/me/choices", { token: t }, OTHER),
      request("/v1/me/access-log", { token: t }, OTHER),
      request("/v1/me/choices", { method: "POST", token: t, body: choice }, OTHER),
      request("/v1/consent-check", { method: "POST", token: await providerToken("apotheek"), body: checkBody(bsn, "huisarts", "apotheek", ["GGC013"]) }, OTHER),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(503);
      expect(res.type).toContain("application/problem+json");
      expect(res.body.code).toBe("MISCONFIGURED");
      expect(res.body.detail).toContain(`SHARD_COUNT is ${OTHER} but this store was created with ${RECORDED}`);
    }
    expect(await recordedInD1()).toEqual([{ key: "shard_count", value: RECORDED }]);
    expect(await shardRows(p)).toEqual(before); // the refused check was not logged, the refused choice not recorded

    // the same count goes on working, and sees the data
    const list = await request("/v1/me/choices", { token: t });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
  });

  it("a shard object refuses a call with another count even when the worker's D1 check was skipped", async () => {
    const { p } = await citizenWithChoice();
    const shard = shardOf(p, Number(RECORDED));
    const before = await shardRows(p);
    // what an isolate that skipped D1 would send: the same object, addressed under another count
    const stub = shardObject(env, p);
    const input = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC013" as const, decision: "deny" as const };
    expect(await refusal(stub.run({ shard, of: Number(OTHER) }, "record", [p, input, { role: "citizen" }]))).toMatch(
      `SHARD_COUNT is ${OTHER} but this shard object (shard-${shard}) was created with ${RECORDED}`,
    );
    expect(await refusal(stub.run({ shard, of: Number(OTHER) }, "listChoices", [p]))).toMatch(/SHARD_COUNT is/);
    // a citizen another count would put here does not belong here under the recorded one
    expect(await refusal(stub.run({ shard, of: Number(RECORDED) }, "listChoices", ["f".repeat(64)]))).toMatch(/does not belong to shard-/);
    expect(await shardRows(p)).toEqual(before);
    // an RPC of a method typed `unknown` comes back untyped: it is a promise of the choices
    expect(await (stub.run({ shard, of: Number(RECORDED) }, "listChoices", [p]) as Promise<unknown[]>)).toHaveLength(1);
  });

  it("an object that holds data but no record (older than this check) adopts a count only if its citizens sit where that count puts them", async () => {
    const { p } = await citizenWithChoice();
    const shard = shardOf(p, Number(RECORDED));
    const stub = shardObject(env, p);
    const forget = () =>
      runInDurableObject(stub, (s: ConsentShard, state) => {
        state.storage.sql.exec("DELETE FROM shard_settings");
        // the object's in-memory confirmation goes with it, as after a restart
        (s as unknown as { confirmedPlacement: string | null }).confirmedPlacement = null;
      });
    await forget();
    // a count under which this citizen would live elsewhere: refused, nothing recorded
    const wrong = [Number(RECORDED) + 1, Number(RECORDED) * 3].find((n) => shardOf(p, n) !== shard)!;
    expect(await refusal(stub.run({ shard, of: wrong }, "listChoices", [p]))).toMatch(/holds citizens placed by another count/);
    expect((await shardRows(p)).settings).toEqual([]);
    // the right count: adopted and recorded
    // an RPC of a method typed `unknown` comes back untyped: it is a promise of the choices
    expect(await (stub.run({ shard, of: Number(RECORDED) }, "listChoices", [p]) as Promise<unknown[]>)).toHaveLength(1);
    expect((await shardRows(p)).settings).toContainEqual({ key: "shard_count", value: RECORDED });
  });

  it("in production only the production count (4096) is accepted, before anything is recorded", async () => {
    await env.DB.prepare("DELETE FROM deployment_settings").run(); // a new production store
    const t = await citizenToken(freshBsn());
    const res = await app.request(
      BASE + "/v1/me/choices",
      { headers: { authorization: `Bearer ${t}` } },
      { ...env, ENVIRONMENT: "production", SHARD_COUNT: "256" },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toContain(`SHARD_COUNT is 256 but production runs with ${PRODUCTION_SHARD_COUNT}`);
    expect(await recordedInD1()).toEqual([]);
    expect(PRODUCTION_SHARD_COUNT).toBe(4096);
  });

  it("refuses a SHARD_COUNT that is not a positive integer, with a clear 503 before any shard is touched", async () => {
    const t = await citizenToken(freshBsn());
    for (const bad of ["0", "-4", "1.5", "abc", "", "4096 shards", "99999999999"]) {
      const res = await request("/v1/me/choices", { token: t }, bad);
      expect(res.status, bad).toBe(503);
      expect(res.type).toContain("application/problem+json");
      expect(res.body.code).toBe("MISCONFIGURED");
      expect(res.body.detail).toContain("SHARD_COUNT must be a positive integer");
    }
  });
});

describe("the D1 guard (unit)", () => {
  beforeEach(() => forgetConfirmedShardCounts());

  it("parses only positive integers up to 2^32", () => {
    expect(parseShardCount("4096")).toBe(4096);
    expect(parseShardCount(" 256 ")).toBe(256);
    for (const bad of [undefined, "0", "007", "1e3", "0x10", "4294967297", "NaN"]) {
      expect(() => parseShardCount(bad), String(bad)).toThrow(ApiError);
    }
  });

  it("records the count when the store is new, refuses another, and after a match costs no D1 call", async () => {
    await env.DB.prepare("DELETE FROM deployment_settings").run();
    let d1Calls = 0;
    const counting = new Proxy(env.DB, {
      get(target, prop) {
        const v = Reflect.get(target, prop);
        if (prop === "batch") d1Calls++;
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    expect(await ensureShardCount({ SHARD_COUNT: "4096", DB: counting })).toBe(4096);
    expect(await recordedInD1()).toEqual([{ key: "shard_count", value: "4096" }]);
    expect(ensureShardCount({ SHARD_COUNT: "4096", DB: counting })).toBeUndefined(); // confirmed: no D1 round trip
    expect(d1Calls).toBe(1);
    const refused = ensureShardCount({ SHARD_COUNT: "256", DB: counting });
    await expect(refused).rejects.toThrow("SHARD_COUNT is 256 but this store was created with 4096");
    await expect(refused).rejects.toMatchObject({ code: "MISCONFIGURED", status: 503 });
    expect(await recordedInD1()).toEqual([{ key: "shard_count", value: "4096" }]);
    await env.DB.prepare("DELETE FROM deployment_settings").run();
  });
});
