import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConsentShard } from "../src/storage/shard";
import { shardObject } from "../src/storage/shards";
import { failNextCommit } from "./shard-seams";
import { call, citizenToken, freshBsn, providerToken, pseudonym } from "./helpers";

const choice = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" };

describe("idempotency and failures", () => {
  it("the same Idempotency-Key twice creates one choice and answers the same", async () => {
    const t = await citizenToken(freshBsn());
    const a = await call("POST", "/v1/me/choices", t, choice, { "idempotency-key": "k-1" });
    const b = await call("POST", "/v1/me/choices", t, choice, { "idempotency-key": "k-1" });
    const c = await call("POST", "/v1/me/choices", t, choice, { "idempotency-key": "k-2" });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(b.body).toEqual(a.body);
    expect(c.body.id).not.toBe(a.body.id);
    expect((await call("GET", "/v1/me/history", t)).body.items).toHaveLength(2);
  });

  it("keys are scoped per caller: another citizen's identical key creates their own choice", async () => {
    const a = await call("POST", "/v1/me/choices", await citizenToken(freshBsn()), choice, { "idempotency-key": "shared" });
    const b = await call("POST", "/v1/me/choices", await citizenToken(freshBsn()), choice, { "idempotency-key": "shared" });
    expect(b.body.id).not.toBe(a.body.id);
  });

  it("a provider's temporary consent with the same key is recorded once", async () => {
    const bsn = freshBsn();
    const t = await providerToken("ziekenhuis");
    const body = { patient: { bsn }, holder: { category: "huisarts" }, dataCategories: ["GGC002"], reason: "acute admission" };
    const a = await call("POST", "/v1/temporary-consent", t, body, { "idempotency-key": "ed-42" });
    const b = await call("POST", "/v1/temporary-consent", t, body, { "idempotency-key": "ed-42" });
    expect(b.body).toEqual(a.body);
    expect((await call("GET", "/v1/me/history", await citizenToken(bsn))).body.items).toHaveLength(1);
  });

  it("a storage failure mid-write answers a retryable 503 and leaves nothing half-written", async () => {
    const bsn = freshBsn();
    const t = await citizenToken(bsn);
    const p = await pseudonym(bsn);
    await call("POST", "/v1/me/choices", t, choice);
    await runInDurableObject(shardObject(env, p), (shard: ConsentShard) => {
      shard.seams.faults = failNextCommit();
    });
    const failed = await call("POST", "/v1/me/choices", t, { ...choice, decision: "deny" }, { "idempotency-key": "retry-me" });
    expect(failed.status).toBe(503);
    expect(failed.headers.get("content-type")).toBe("application/problem+json");
    expect(failed.headers.get("retry-after")).toBe("1");
    expect((await call("GET", "/v1/me/history", t)).body.items).toHaveLength(1);
    expect((await call("GET", "/v1/me/notifications", t)).body.items).toHaveLength(0);
    expect((await call("GET", "/v1/me/access-log/verify", t)).body).toEqual({ valid: true, entries: 1, firstInvalidSeq: null });

    const retried = await call("POST", "/v1/me/choices", t, { ...choice, decision: "deny" }, { "idempotency-key": "retry-me" });
    expect(retried.status).toBe(201);
    expect((await call("GET", "/v1/me/history", t)).body.items).toHaveLength(2);
    expect((await call("GET", "/v1/me/access-log/verify", t)).body).toEqual({ valid: true, entries: 2, firstInvalidSeq: null });
  });
});
