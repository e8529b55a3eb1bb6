import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConsentShard } from "../src/storage/shard";
import { shardObject } from "../src/storage/shards";
import { call, citizenToken, freshBsn, hdabToken, pseudonym } from "./helpers";

const filter = async (bsns: string[], permitApprovedAt: string) =>
  call("POST", "/v1/secondary-use/cohort-filter", await hdabToken(), { bsns, permitApprovedAt });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("EHDS secondary-use opt-out and the HDAB cohort filter", () => {
  it("an opt-out excludes a BSN only from permits approved after it", async () => {
    const out = freshBsn();
    const stays = freshBsn();
    const beforeOptOut = new Date(Date.now() - 60_000).toISOString();
    const r = await call("PUT", "/v1/me/secondary-use", await citizenToken(out), { optOut: true });
    expect(r.status).toBe(200);
    expect(r.body.optOut).toBe(true);
    await sleep(5);
    const afterOptOut = new Date().toISOString();

    const later = await filter([out, stays], afterOptOut);
    expect(later.status).toBe(200);
    expect(later.body).toEqual({ included: [stays], excludedCount: 1 });
    const earlier = await filter([out, stays], beforeOptOut);
    expect(earlier.body).toEqual({ included: [out, stays], excludedCount: 0 });
  });

  it("opting back in ends the opt-out; opting out again counts from the new date", async () => {
    const bsn = freshBsn();
    const t = await citizenToken(bsn);
    await call("PUT", "/v1/me/secondary-use", t, { optOut: true });
    await sleep(5);
    const whileOut = new Date().toISOString();
    await sleep(5);
    expect((await call("PUT", "/v1/me/secondary-use", t, { optOut: false })).body.optOut).toBe(false);
    expect((await filter([bsn], whileOut)).body.excludedCount).toBe(0);
    await sleep(5);
    await call("PUT", "/v1/me/secondary-use", t, { optOut: true });
    expect((await filter([bsn], whileOut)).body.excludedCount).toBe(0);
    expect((await filter([bsn], new Date(Date.now() + 1000).toISOString())).body.excludedCount).toBe(1);
    expect((await call("GET", "/v1/me/secondary-use", t)).body.optOut).toBe(true);
  });

  it("filters a full 100,000-BSN cohort in one call and excludes exactly the opted-out citizens", async () => {
    const bsns = Array.from({ length: 100_000 }, () => freshBsn());
    const out = [bsns[7]!, bsns[50_000]!, bsns[99_999]!];
    for (const b of out) expect((await call("PUT", "/v1/me/secondary-use", await citizenToken(b), { optOut: true })).status).toBe(200);
    const r = await filter(bsns, new Date(Date.now() + 1000).toISOString());
    expect(r.status).toBe(200);
    expect(r.body.excludedCount).toBe(3);
    expect(r.body.included).toHaveLength(99_997);
    expect(r.body.included.some((b: string) => out.includes(b))).toBe(false);
    expect(r.body.included.slice(0, 7)).toEqual(bsns.slice(0, 7));
  }, 60_000);

  it("rejects invalid BSNs and oversized cohorts with 400, without echoing BSNs", async () => {
    const bad = await filter([freshBsn(), "123456789"], new Date().toISOString());
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: "/bsns/1", message: expect.stringMatching(/11-proef/) }]);
    expect(JSON.stringify(bad.body)).not.toContain("123456789");
    expect((await filter([freshBsn()], "yesterday")).status).toBe(400);
    const tooMany = await filter(
      Array.from({ length: 100_001 }, () => "999990007"),
      new Date().toISOString(),
    );
    expect(tooMany.status).toBe(400);
  });

  it("an accepted opt-out is not lost when D1 fails: it stays in the shard's outbox and an alarm delivers it", async () => {
    const bsn = freshBsn();
    const p = await pseudonym(bsn);
    const stub = shardObject(env, p);
    const failing = {
      prepare: (sql: string) => env.DB.prepare(sql),
      batch: async () => {
        throw new Error("D1 is unavailable (injected)");
      },
    } as unknown as D1Database;
    await runInDurableObject(stub, (shard: ConsentShard) => {
      shard.seams.d1 = () => failing;
    });
    const r = await call("PUT", "/v1/me/secondary-use", await citizenToken(bsn), { optOut: true });
    expect(r.status).toBe(200);
    expect(await stub.outboxSize()).toBe(1);
    const row = await env.DB.prepare("SELECT opted_out FROM secondary_use_optouts WHERE pseudonym = ?").bind(p).first();
    expect(row).toBeNull();
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await filter([bsn], future)).body.excludedCount).toBe(0);

    // D1 is back; the alarm the shard set delivers the outbox
    await runInDurableObject(stub, (shard: ConsentShard) => {
      shard.seams.d1 = () => env.DB;
    });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.outboxSize()).toBe(0);
    expect(await env.DB.prepare("SELECT opted_out FROM secondary_use_optouts WHERE pseudonym = ?").bind(p).first()).toEqual({ opted_out: 1 });
    expect((await filter([bsn], future)).body.excludedCount).toBe(1);
  });
});
