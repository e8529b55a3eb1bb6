import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AccessLogWriter, VERIFY_BATCH_ROWS } from "../../src/storage/access-log";
import { CHOICE_CACHE_BYTES, CHOICE_CACHE_CITIZEN_BYTES, ChoiceCache } from "../../src/storage/choice-cache";
import type { ConsentShard } from "../../src/storage/shard";
import { shardObject } from "../../src/storage/shards";
import { call, citizenToken, freshBsn, pseudonym } from "../helpers";

// One citizen with 10,000 choices and a 100,000-entry access log, seeded straight into their shard object's SQLite
// (the log through the shard's AccessLogWriter: a valid hash chain). The shard must answer for them, page their log and verify it
// without holding either in memory at once.
// hashing and reading 100,000 rows takes seconds on a busy 2-core machine (≈ 12 s for the whole file alone)
vi.setConfig({ testTimeout: 30_000 });

const CHOICES = 10_000;
const LOG_ROWS = 100_000;
const SPECIAL_URA = "77770001"; // the holder one URA-specific deny among the 10,000 names

let bsn: string;
let p: string;
let token: string;

function choiceRow(citizen: string, i: number, o: { holder?: [string, string]; decision?: string } = {}) {
  const [hk, hv] = o.holder ?? ["ura", String(10_000_000 + i)];
  return [
    crypto.randomUUID(),
    1,
    citizen,
    hk,
    hv,
    "category",
    "apotheek",
    "GGC013",
    o.decision ?? "deny",
    null,
    "active",
    0,
    "citizen",
    null,
    null,
    "portal",
    "created",
    null,
    1_700_000_000_000 + i,
    1_700_000_000_000 + i,
  ];
}
const INSERT_CHOICE = `INSERT INTO choices (id, version, citizen, holder_kind, holder_value, requester_kind, requester_value, data_category, decision, valid_until, status, temporary, recorded_role, recorded_ura, recorded_org_type, channel, change, note, created_at, at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

beforeAll(async () => {
  bsn = freshBsn();
  p = await pseudonym(bsn);
  token = await citizenToken(bsn);
  await runInDurableObject(shardObject(env, p), (_s: ConsentShard, state) => {
    const sql = state.storage.sql;
    state.storage.transactionSync(() => {
      for (let i = 0; i < CHOICES - 2; i++) sql.exec(INSERT_CHOICE, ...choiceRow(p, i));
      sql.exec(INSERT_CHOICE, ...choiceRow(p, CHOICES - 2, { holder: ["category", "huisarts"], decision: "permit" }));
      sql.exec(INSERT_CHOICE, ...choiceRow(p, CHOICES - 1, { holder: ["ura", SPECIAL_URA], decision: "deny" }));
      // the shard's own writer (a valid hash chain, as every operation logs), one entry a second from a fixed start
      let at = 1_700_000_000_000 - 1000;
      const log = new AccessLogWriter(sql, () => ({ now: () => (at += 1000) }), 16);
      const actor = { role: "provider" as const, ura: "00003003", organizationType: "J8", uziRole: "17.000" };
      for (let i = 0; i < LOG_ROWS; i++) {
        log.log(p, actor, { action: "consent-check", outcome: i % 3 ? "deny" : "permit", holderUra: "00001001", purpose: "TREAT", dataCategories: ["GGC013"] });
      }
    });
  });
}, 60_000);

const holderGp = { ura: "00001001", organizationType: "Z3" };
const pharmacy = { ura: "00003003", organizationType: "J8" };

describe("a citizen with 10,000 choices: the choice cache stays within its byte bound", () => {
  it("is answered from SQLite without being cached, correctly, and the object's cache stays within budget", async () => {
    await runInDurableObject(shardObject(env, p), async (shard: ConsentShard) => {
      // fill the cache with ordinary citizens first
      for (let i = 0; i < 40; i++) {
        const other = `bounded-${String(i).padStart(3, "0")}-`.padEnd(64, "x");
        await shard.record(
          other,
          { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC013", decision: "permit" },
          { role: "citizen" },
        );
      }
      const started = performance.now();
      const [byCategory] = shard.check(p, { holder: holderGp, requester: pharmacy, purpose: "TREAT", dataCategories: ["GGC013"] });
      console.log(`a check for the citizen with ${CHOICES} choices (read from SQLite): ${(performance.now() - started).toFixed(0)} ms`);
      const t2 = performance.now();
      shard.check(p, { holder: holderGp, requester: pharmacy, purpose: "TREAT", dataCategories: ["GGC013"] });
      console.log(`the next check (known too large to cache): ${(performance.now() - t2).toFixed(0)} ms`);
      expect(byCategory).toMatchObject({ decision: "permit" }); // the one category permit among 10,000 URA denies
      const [special] = shard.check(p, {
        holder: { ura: SPECIAL_URA, organizationType: "Z3" },
        requester: pharmacy,
        purpose: "TREAT",
        dataCategories: ["GGC013"],
      });
      expect(special).toMatchObject({ decision: "deny" }); // the URA-specific deny beats the category permit
      expect(shard.listChoices(p)).toHaveLength(CHOICES);

      const stats = shard.cacheStats();
      expect(stats).toMatchObject({ maxBytes: CHOICE_CACHE_BYTES, maxCitizenBytes: CHOICE_CACHE_CITIZEN_BYTES });
      expect(stats.uncached).toBeGreaterThanOrEqual(1);
      expect(stats.bytes).toBeGreaterThan(0);
      expect(stats.bytes).toBeLessThanOrEqual(stats.maxBytes);
      expect(stats.citizens).toBeLessThanOrEqual(stats.capacity);

      // a write for the large citizen lands in SQLite and counts at once (nothing stale in memory)
      const r = await shard.record(
        p,
        { holder: { ura: "00001001" }, requester: { ura: "00003003" }, dataCategory: "GGC013", decision: "deny" },
        { role: "citizen" },
      );
      expect(r.ok).toBe(true);
      const [named] = shard.check(p, { holder: holderGp, requester: pharmacy, purpose: "TREAT", dataCategories: ["GGC013"] });
      expect(named).toMatchObject({ decision: "deny", choiceId: r.ok ? r.value.id : "(not recorded)" });
      expect(shard.cacheStats().bytes).toBeLessThanOrEqual(CHOICE_CACHE_BYTES);
    });
  });

  it("a cache with a small budget never accounts more than it, evicting by bytes, and refuses a citizen over its per-citizen maximum", async () => {
    await runInDurableObject(shardObject(env, p), async (shard: ConsentShard, state) => {
      // 30 citizens of 60 choices each (≈ 42 KB estimated each) through a 256 KiB budget, 64 KiB per citizen
      const mids = Array.from({ length: 30 }, (_, i) => `bounded-mid-${String(i).padStart(3, "0")}-`.padEnd(64, "x"));
      state.storage.transactionSync(() => {
        for (const m of mids) for (let i = 0; i < 60; i++) state.storage.sql.exec(INSERT_CHOICE, ...choiceRow(m, i));
      });
      const cache = new ChoiceCache(state.storage.sql, { citizens: 1000, maxBytes: 256 * 1024, maxCitizenBytes: 64 * 1024 });
      let most = 0;
      for (const m of mids) {
        const choices = cache.of(m);
        expect(choices.cached).toBe(true);
        expect([...choices.values()]).toHaveLength(60);
        most = Math.max(most, cache.stats().bytes);
      }
      const stats = cache.stats();
      expect(most).toBeLessThanOrEqual(256 * 1024);
      expect(stats.citizens).toBeLessThan(mids.length); // the budget, not the citizen count, evicted
      expect(stats.citizens).toBeGreaterThan(0);
      const perChoice = stats.bytes / (stats.citizens * 60);
      console.log(`estimated bytes per cached choice: ${perChoice.toFixed(0)}`);
      expect(perChoice).toBeGreaterThan(300);
      expect(perChoice).toBeLessThan(1200);

      const large = cache.of(p);
      expect(large.cached).toBe(false);
      expect(cache.stats().bytes).toBeLessThanOrEqual(256 * 1024);
      let n = 0;
      for (const _ of large.values()) n++;
      expect(n).toBeGreaterThanOrEqual(CHOICES);
      // ... and growth past the maximum drops a cached citizen: 40 more choices make a mid citizen ≈ 70 KB
      const grown = mids[mids.length - 1]!;
      expect(cache.of(grown).cached).toBe(true);
      for (let i = 60; i < 100; i++) {
        const row = state.storage.sql.exec<Record<string, SqlStorageValue>>(`${INSERT_CHOICE} RETURNING *`, ...choiceRow(grown, i)).one();
        cache.put(grown, row as never);
      }
      expect(cache.of(grown).cached).toBe(false);
      expect([...cache.of(grown).values()]).toHaveLength(100);
      expect(cache.stats().bytes).toBeLessThanOrEqual(256 * 1024);
    });
  });
});

describe("the history of 10,000 choices: a page at a time", () => {
  it("GET /v1/me/history returns at most `limit` versions, oldest first; paging returns every version once", async () => {
    const first = await call("GET", "/v1/me/history", token);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1000);
    expect(typeof first.body.next).toBe("number");
    const next = await call("GET", `/v1/me/history?limit=10&after=${first.body.next}`, token);
    expect(next.body.items).toHaveLength(10);
    expect(next.body.items[0].createdAt >= first.body.items[999].createdAt).toBe(true);
    for (const bad of ["limit=0", "limit=1001", "after=x", "after=-1"]) {
      const r = await call("GET", `/v1/me/history?${bad}`, token);
      expect(r.status, bad).toBe(400);
    }
    await runInDurableObject(shardObject(env, p), (shard: ConsentShard, state) => {
      const ids: string[] = [];
      let after: number | undefined;
      for (;;) {
        const page = shard.history(p, { limit: 1000, after });
        expect(page.items.length).toBeLessThanOrEqual(1000);
        ids.push(...page.items.map((v) => `${v.id}/${v.version}`));
        if (page.next === null) break;
        after = page.next;
      }
      const stored = state.storage.sql
        .exec<{ k: string }>("SELECT id || '/' || version AS k FROM choices WHERE citizen = ? ORDER BY seq", p)
        .toArray()
        .map((r) => r.k);
      expect(ids).toEqual(stored);
      expect(ids.length).toBeGreaterThanOrEqual(CHOICES);
    });
  });
});

describe("a 100,000-entry access log: read a page at a time, verified in batches", () => {
  it("GET /v1/me/access-log returns at most `limit` entries, newest first, with `next` for the older page", async () => {
    const first = await call("GET", "/v1/me/access-log", token);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(100);
    const seqs: number[] = first.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(first.body.next).toBe(seqs[seqs.length - 1]);
    const second = await call("GET", `/v1/me/access-log?limit=500&before=${first.body.next}`, token);
    expect(second.body.items).toHaveLength(500);
    expect(second.body.items[0].seq).toBeLessThan(first.body.next);
    for (const bad of ["limit=0", "limit=501", "limit=abc", "before=0", "before=x"]) {
      const r = await call("GET", `/v1/me/access-log?${bad}`, token);
      expect(r.status, bad).toBe(400);
      expect(r.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("paging through returns every entry exactly once, in order, each page within the limit", async () => {
    await runInDurableObject(shardObject(env, p), (shard: ConsentShard) => {
      const all: number[] = [];
      let before: number | undefined;
      for (;;) {
        const page = shard.accessLog(p, { limit: 500, before });
        expect(page.items.length).toBeLessThanOrEqual(500);
        all.push(...page.items.map((e) => e.seq));
        if (page.next === null) break;
        before = page.next;
      }
      expect(all.length).toBeGreaterThanOrEqual(LOG_ROWS); // the checks and the write above logged a few more
      for (let i = 1; i < all.length; i++) expect(all[i]! < all[i - 1]!).toBe(true);
      expect(new Set(all).size).toBe(all.length);
    });
  });

  it("verifies all entries holding at most one batch, and finds a tampered entry in the middle", async () => {
    const entries = await runInDurableObject(
      shardObject(env, p),
      (_s: ConsentShard, state) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM access_log WHERE citizen = ?", p).one().n,
    );
    expect(entries).toBeGreaterThanOrEqual(LOG_ROWS);
    await runInDurableObject(shardObject(env, p), (shard: ConsentShard) => shard.logReadStats(true));
    const started = Date.now();
    const ok = await call("GET", "/v1/me/access-log/verify", token);
    console.log(`verified ${entries} access-log entries in ${Date.now() - started} ms (through HTTP)`);
    expect(ok.body).toEqual({ valid: true, entries, firstInvalidSeq: null });
    const held = await runInDurableObject(shardObject(env, p), (shard: ConsentShard) => shard.logReadStats(true));
    expect(held.maxRowsHeld).toBeGreaterThan(0);
    expect(held.maxRowsHeld).toBeLessThanOrEqual(VERIFY_BATCH_ROWS);
    expect(held.batches).toBeGreaterThanOrEqual(Math.ceil(entries / VERIFY_BATCH_ROWS));

    const middle = await runInDurableObject(shardObject(env, p), (_s: ConsentShard, state) => {
      const row = state.storage.sql.exec<{ seq: number }>("SELECT seq FROM access_log WHERE citizen = ? ORDER BY seq LIMIT 1 OFFSET ?", p, LOG_ROWS / 2).one();
      state.storage.sql.exec("UPDATE access_log SET outcome = 'permit', actor_ura = '00002002' WHERE seq = ?", row.seq);
      return row.seq;
    });
    const bad = await call("GET", "/v1/me/access-log/verify", token);
    expect(bad.body).toEqual({ valid: false, entries, firstInvalidSeq: middle });
  });
});
