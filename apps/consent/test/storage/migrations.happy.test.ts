import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ConsentShard } from "../../src/storage/shard";
import { SHARD_SCHEMA } from "../../src/storage/schema";
import { migrate, SHARD_MIGRATIONS, type Migration } from "../../src/storage/shard/migrations";

// A next version as a future change would add it: a column (which fails if run twice) and an index.
const NEXT = SHARD_MIGRATIONS.length + 1;
const V2: Migration = {
  version: NEXT,
  name: "test: subscriptions.note and an index",
  sql: "ALTER TABLE subscriptions ADD COLUMN note TEXT; CREATE INDEX subscriptions_ura ON subscriptions (ura);",
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const citizen = "migrations-citizen-".padEnd(64, "0");
const choice = { holder: { category: "huisarts" as const }, requester: { category: "apotheek" as const }, dataCategory: "GGC013", decision: "permit" as const };

const versions = (sql: SqlStorage) =>
  sql
    .exec<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")
    .toArray()
    .map((r) => r.version);

describe("shard schema migrations", () => {
  it("a fresh object is at the latest version", async () => {
    const stub = env.SHARDS.get(env.SHARDS.idFromName("migrations-fresh"));
    expect(await stub.ping()).toBe(true);
    await runInDurableObject(stub, (_s: ConsentShard, state) => {
      expect(versions(state.storage.sql)).toEqual(SHARD_MIGRATIONS.map((m) => m.version));
      expect(versions(state.storage.sql).at(-1)).toBe(SHARD_MIGRATIONS.length);
    });
  });

  it("an object created by the unversioned schema is recognised as version 1, upgraded to a new version, keeps its data, and each migration runs once", async () => {
    const stub = env.SHARDS.get(env.SHARDS.idFromName("migrations-old"));
    await runInDurableObject(stub, async (shard: ConsentShard, state) => {
      const sql = state.storage.sql;
      const recorded = await shard.record(citizen, choice, { role: "citizen" });
      expect(recorded.ok).toBe(true);
      // as the code before versions left it: the v1 tables with data, and no version recorded (the table later
      // versions changed, subscriptions, is empty here: recreated as version 1 made it)
      sql.exec("DROP TABLE schema_migrations");
      sql.exec("DROP TABLE subscriptions");
      sql.exec(SHARD_SCHEMA);
      // the access_log columns versions 3 and 4 added (the table holds the citizen's log entry, so it is kept), and v4's attempts
      for (const col of [
        "on_behalf_ura",
        "on_behalf_org_type",
        "professional_uzi",
        "professional_role",
        "mandated_by_uzi",
        "break_the_glass",
        "emergency_reason",
      ]) {
        sql.exec(`ALTER TABLE access_log DROP COLUMN ${col}`);
      }
      sql.exec("ALTER TABLE pending_confirmations DROP COLUMN attempts");

      const v1 = new ConsentShard(state, env, { migrations: SHARD_MIGRATIONS.slice(0, 1) });
      expect(await v1.migrated).toEqual([1]);
      expect(versions(sql)).toEqual([1]);
      expect(v1.listChoices(citizen)).toEqual(shard.listChoices(citizen));

      const v2 = new ConsentShard(state, env, { migrations: [...SHARD_MIGRATIONS, V2] });
      expect(await v2.migrated).toEqual(range(2, NEXT));
      expect(versions(sql)).toEqual(range(1, NEXT));
      expect(sql.exec<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'subscriptions'").one().sql).toContain("note TEXT");
      expect(sql.exec("SELECT name FROM sqlite_master WHERE name = 'subscriptions_ura'").toArray()).toHaveLength(1);
      expect(v2.listChoices(citizen)).toHaveLength(1);
      expect(v2.listChoices(citizen)[0]!.id).toBe(recorded.ok ? recorded.value.id : "(not recorded)");
      expect(v2.verifyLog(citizen)).toEqual({ valid: true, entries: 1, firstInvalidSeq: null });

      // constructing again applies nothing (the ALTER TABLE would fail if it ran twice)
      expect(await new ConsentShard(state, env, { migrations: [...SHARD_MIGRATIONS, V2] }).migrated).toEqual([]);
      expect(migrate(state.storage, [...SHARD_MIGRATIONS, V2])).toEqual([]);
      expect(sql.exec<{ n: number }>("SELECT count(*) AS n FROM schema_migrations").one().n).toBe(NEXT);
      // and the upgraded object still takes writes
      expect((await v2.record(citizen, { ...choice, decision: "deny" }, { role: "citizen" })).ok).toBe(true);
      expect(v2.verifyLog(citizen)).toEqual({ valid: true, entries: 2, firstInvalidSeq: null });
    });
  });

  it("refuses a migration list that is not numbered 1, 2, 3, … in order", async () => {
    const stub = env.SHARDS.get(env.SHARDS.idFromName("migrations-order"));
    await runInDurableObject(stub, (_s: ConsentShard, state) => {
      expect(() => migrate(state.storage, [...SHARD_MIGRATIONS, { ...V2, version: NEXT + 1 }])).toThrow(/numbered 1, 2, 3/);
      expect(versions(state.storage.sql)).toEqual(SHARD_MIGRATIONS.map((m) => m.version));
    });
  });
});
