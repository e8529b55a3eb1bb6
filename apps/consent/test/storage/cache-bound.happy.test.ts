import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConsentShard } from "../../src/storage/shard";

// One shard object serving more citizens than it may keep in memory (CHOICE_CACHE_CITIZENS, see wrangler.jsonc):
// the cache stays bounded, and answers and the access-log hash chain stay right for citizens it dropped.
const holder = { ura: "00000001", organizationType: "Z3" };
const requester = { ura: "00000002", organizationType: "V4" };

describe("shard memory bound", () => {
  it("keeps at most CHOICE_CACHE_CITIZENS citizens in memory; dropped citizens answer from storage", async () => {
    const stub = env.SHARDS.get(env.SHARDS.idFromName("cache-bound-test"));
    await runInDurableObject(stub, async (shard: ConsentShard) => {
      const { capacity } = shard.cacheStats();
      expect(capacity).toBe(Number(env.CHOICE_CACHE_CITIZENS));
      const citizens = Array.from({ length: capacity * 3 }, (_, i) => `cache-bound-${String(i).padStart(6, "0")}`.padEnd(64, "0"));
      for (const [i, citizen] of citizens.entries()) {
        await shard.record(
          citizen,
          { holder: { ura: holder.ura }, requester: { category: "ziekenhuis" }, dataCategory: "GGC002", decision: i % 2 ? "deny" : "permit" },
          { role: "citizen" },
        );
        shard.check(citizen, { holder, requester, purpose: "TREAT", dataCategories: ["GGC002"] });
      }
      expect(shard.cacheStats().citizens).toBeLessThanOrEqual(capacity);

      // the first citizens were dropped from memory: their answers and log chains come back from SQLite
      for (const [i, citizen] of citizens.slice(0, capacity).entries()) {
        const [d] = shard.check(citizen, { holder, requester, purpose: "TREAT", dataCategories: ["GGC002"] });
        expect(d!.decision).toBe(i % 2 ? "deny" : "permit");
        expect(shard.verifyLog(citizen)).toEqual({ valid: true, entries: 3, firstInvalidSeq: null });
      }
      expect(shard.cacheStats().citizens).toBeLessThanOrEqual(capacity);
    });
  });
});
