import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConsentShard } from "../src/storage/shard";
import { shardObject } from "../src/storage/shards";
import { call, checkBody, citizenToken, freshBsn, provider, providerToken, pseudonym } from "./helpers";

async function activity(bsn: string) {
  const t = await citizenToken(bsn);
  const c = await call("POST", "/v1/me/choices", t, {
    holder: { category: "huisarts" },
    requester: { category: "apotheek" },
    dataCategory: "GGC002",
    decision: "permit",
  });
  await call("POST", "/v1/consent-check", await providerToken("apotheek"), checkBody(bsn, "huisarts", "apotheek", ["GGC013"]));
  await call("POST", "/v1/consent-check", await providerToken("ziekenhuis"), checkBody(bsn, "huisarts", "ziekenhuis", ["GGC002"]));
  await call("DELETE", `/v1/me/choices/${c.body.id}`, t);
  return t;
}

describe("NEN 7513 access log", () => {
  it("lists who asked about me, when, what and the answer, newest first, with organisation names", async () => {
    const bsn = freshBsn();
    await call("POST", "/dev/seed"); // organisation directory
    const t = await activity(bsn);
    const log = (await call("GET", "/v1/me/access-log", t)).body.items;
    expect(log.map((e: { action: string; outcome: string }) => [e.action, e.outcome])).toEqual([
      ["choice-withdrawn", "withdrawn"],
      ["consent-check", "deny"],
      ["consent-check", "permit"],
      ["choice-recorded", "active"],
    ]);
    expect(log[1].actor).toMatchObject({ role: "provider", ura: provider("ziekenhuis").ura, name: provider("ziekenhuis").name });
  });

  it("the chain verifies, and a tampered entry is detected", async () => {
    const bsn = freshBsn();
    const t = await activity(bsn);
    expect((await call("GET", "/v1/me/access-log/verify", t)).body).toEqual({ valid: true, entries: 4, firstInvalidSeq: null });

    const p = await pseudonym(bsn);
    const tamperedSeq = await runInDurableObject(shardObject(env, p), (_shard: ConsentShard, state) => {
      const row = state.storage.sql
        .exec<{ seq: number }>("SELECT seq FROM access_log WHERE citizen = ? AND action = 'consent-check' AND outcome = 'deny'", p)
        .one();
      state.storage.sql.exec("UPDATE access_log SET outcome = 'permit' WHERE seq = ?", row.seq);
      return row.seq;
    });
    const v = await call("GET", "/v1/me/access-log/verify", t);
    expect(v.body).toEqual({ valid: false, entries: 4, firstInvalidSeq: tamperedSeq });
  });

  it("a deleted entry is detected", async () => {
    const bsn = freshBsn();
    const t = await activity(bsn);
    const p = await pseudonym(bsn);
    await runInDurableObject(shardObject(env, p), (_shard: ConsentShard, state) => {
      state.storage.sql.exec("DELETE FROM access_log WHERE seq = (SELECT min(seq) FROM access_log WHERE citizen = ?)", p);
    });
    expect((await call("GET", "/v1/me/access-log/verify", t)).body.valid).toBe(false);
  });
});
