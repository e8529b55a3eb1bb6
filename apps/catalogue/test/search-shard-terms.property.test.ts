/**
 * The index shards' term-frequency tables (src/search/shard/terms.ts, `shard_terms` and `shard_postings`, and the
 * packed copies of long terms in `shard_packed`, src/search/shard/packed.ts) hold exactly what FTS5's own
 * instance view of `shard_fts` gives — per term and row the instances weighted title 10, keywords 4, description
 * 1 — after a first build and after random publish / update / delete sequences followed through the change log;
 * the scratch table it is written through is empty between writes. And the shards' per-phrase row lists
 * (src/search/shard/phrase-cache.ts) do not outlive a write: the same query sees a word come and go with
 * publish, update and delete. A shard object of schema 2 (frequencies read from an fts5vocab view, no shard_terms)
 * drops its tables on start and is rebuilt from D1.
 */
import { env, runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { datasetIri, slug } from "../src/dcat/identity";
import { publisherName } from "../src/datasets/service";
import { toRecord } from "../src/datasets/record";
import { generateDataset } from "../src/generator/generate";
import { IndexShard } from "../src/search/shard/index-shard";
import { SHARD_SCHEMA_VERSION } from "../src/search/shard/schema";
import { searchDatasets } from "../src/search/sharded";
import { datasetsRepo } from "../src/storage/repos";

const repo = datasetsRepo(env);
const SHARDS = 3;
const shardEnv = { ...env, SEARCH_SHARD_COUNT: String(SHARDS) };
let serial = 0;
const live: string[] = [];

function docOf(seed: number, i: number, id: string, revision: number, title?: string): Dataset {
  const { publisherId, ...input } = generateDataset(seed, i);
  return { ...input, ...(title ? { title: { nl: title } } : {}), id, iri: datasetIri(id), publisherId, modified: input.modified!, revision };
}
const record = (doc: Dataset) => toRecord(doc, publisherName(doc.publisherId, doc));

async function publish(i: number, title?: string): Promise<string> {
  const id = slug(`terms-${serial++}`);
  await repo.commit([repo.insertStatement(record(docOf(20261202, i, id, 1, title)), "2026-01-01T00:00:00Z")]);
  live.push(id);
  return id;
}
async function update(id: string, i: number, title?: string) {
  const ref = (await repo.refById(id))!;
  const doc = { ...docOf(11, i, id, ref.revision + 1, title), publisherId: ref.publisherId };
  await repo.commit([repo.updateStatement(record(doc))]);
}
async function remove(id: string) {
  live.splice(live.indexOf(id), 1);
  await repo.commit(repo.deleteStatements((await repo.refById(id))!, "2026-01-01T00:00:00Z"));
}
/** A search through the shards: brings every shard to the catalogue's version. */
async function search(q?: string) {
  return JSON.parse(await searchDatasets(shardEnv, repo, { q }, { offset: 0, limit: 5, lang: "nl" })) as { total: number };
}

type Row = { term: string; doc: number; f: number };
/**
 * shard_terms, shard_postings, the packed copies of shard_packed (as rows), and the same figures computed from
 * FTS5's instance view of shard_fts, in one shard.
 */
async function termTables(k: number): Promise<{ stored: Row[]; postings: Row[]; packed: Row[]; fts: Row[]; scratch: number }> {
  const stub = env.SEARCH_SHARDS.get(env.SEARCH_SHARDS.idFromName(`${SHARDS}:${k}`));
  return runInDurableObject(stub, (_: IndexShard, state: DurableObjectState) => {
    const sql = state.storage.sql;
    sql.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS check_vocab USING fts5vocab(shard_fts, instance)`);
    const stored = sql.exec<Row>(`SELECT term, doc, f FROM shard_terms ORDER BY term, doc`).toArray();
    const postings = sql.exec<Row>(`SELECT term, doc, f FROM shard_postings ORDER BY term, doc`).toArray();
    const packed = sql
      .exec<{ term: string; docs: ArrayBuffer; freqs: ArrayBuffer }>(`SELECT term, docs, freqs FROM shard_packed ORDER BY term`)
      .toArray()
      .flatMap(({ term, docs, freqs }) => {
        const f = new Float64Array(freqs);
        return [...new Int32Array(docs)].map((doc, i) => ({ term, doc, f: f[i]! }));
      });
    const fts = sql
      .exec<Row>(
        `SELECT term, doc, sum(CASE col WHEN 'title' THEN 10.0 WHEN 'keywords' THEN 4.0 ELSE 1.0 END) AS f
         FROM check_vocab GROUP BY term, doc ORDER BY term, doc`,
      )
      .toArray();
    sql.exec(`DROP TABLE check_vocab`);
    const scratch = sql.exec<{ n: number }>(`SELECT count(*) AS n FROM shard_scratch_vocab`).one().n;
    return { stored, postings, packed, fts, scratch };
  });
}

type Op = { kind: "publish"; i: number } | { kind: "update"; target: number; i: number } | { kind: "delete"; target: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.nat(5000).map((i) => ({ kind: "publish" as const, i })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("update" as const), target: fc.nat(1000), i: fc.nat(5000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), target: fc.nat(1000) }) },
);

describe("index shards' term-frequency table", () => {
  it("equals FTS5's own weighted instance counts after a build and after random publish/update/delete sequences", async () => {
    for (let i = 0; i < 12; i++) await publish(i);
    await search(); // the first build, from D1
    let compared = 0,
      packedCompared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === "publish" || live.length === 0) await publish(o.kind === "publish" ? o.i : 0);
          else if (o.kind === "update") await update(live[o.target % live.length]!, o.i);
          else await remove(live[o.target % live.length]!);
        }
        await search();
        // phrase reads of prefixes covering many terms: they pack the long terms a write left unpacked
        await search("d");
        await search("g");
        for (let k = 0; k < SHARDS; k++) {
          const { stored, postings, packed, fts, scratch } = await termTables(k);
          expect(stored).toEqual(fts);
          expect(postings).toEqual(fts);
          // a packed term holds exactly its rows (and a term a write changed is not left with a stale copy)
          const packedTerms = new Set(packed.map((r) => r.term));
          expect(packed).toEqual(fts.filter((r) => packedTerms.has(r.term)));
          expect(scratch).toBe(0);
          compared += stored.length;
          packedCompared += packed.length;
        }
      }),
      { numRuns: 15 },
    );
    expect(compared).toBeGreaterThan(1000);
    expect(packedCompared).toBeGreaterThan(100);
  }, 240_000);

  it("a cached phrase list does not outlive a publish, an update or a delete", async () => {
    const word = "zwaluwstaartvlinder";
    const before = (await search(word)).total;
    const id = await publish(1, `Register ${word} Utrecht`);
    expect((await search(word)).total).toBe(before + 1);
    await update(id, 2, "Register zonder dat woord");
    expect((await search(word)).total).toBe(before);
    await update(id, 3, `Weer een ${word}`);
    expect((await search(word)).total).toBe(before + 1);
    await remove(id);
    expect((await search(word)).total).toBe(before);
  });

  it("a shard object of the previous schema drops its tables on start (it then rebuilds from D1)", async () => {
    const stub = env.SEARCH_SHARDS.get(env.SEARCH_SHARDS.idFromName("schema-migration"));
    const tables = await runInDurableObject(stub, (_: IndexShard, state: DurableObjectState) => {
      const sql = state.storage.sql;
      const names = () =>
        sql
          .exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE name LIKE 'shard_%' AND type = 'table' ORDER BY name`)
          .toArray()
          .map((r) => r.name);
      // the layout of schema 2: no shard_terms, frequencies from an fts5vocab view, a version served
      sql.exec(`DROP TABLE shard_scratch_vocab; DROP TABLE shard_scratch; DROP TABLE shard_terms`);
      sql.exec(`CREATE VIRTUAL TABLE shard_vocab USING fts5vocab(shard_fts, instance)`);
      sql.exec(
        `INSERT INTO shard_rows (ord, dl, publisher_id, access_rights, facets, modified, title_sort) VALUES (1, 3, 'p', 'PUBLIC', '{}', '2026-01-01', 'a')`,
      );
      sql.exec(`INSERT INTO shard_meta (key, value) VALUES ('version', 'old:1') ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
      sql.exec(`UPDATE shard_meta SET value = '2' WHERE key = 'schema'`);
      const before = names();
      new IndexShard(state, env); // what the object's next start does
      const meta = Object.fromEntries(
        sql
          .exec<{ key: string; value: string }>(`SELECT key, value FROM shard_meta`)
          .toArray()
          .map((r) => [r.key, r.value]),
      );
      const rows = sql.exec<{ n: number }>(`SELECT count(*) AS n FROM shard_rows`).one().n;
      return { before, after: names(), meta, rows };
    });
    expect(tables.before).toContain("shard_vocab");
    expect(tables.before).not.toContain("shard_terms");
    expect(tables.after).toContain("shard_terms");
    expect(tables.after).toContain("shard_scratch");
    expect(tables.after).not.toContain("shard_vocab");
    expect(tables.meta.schema).toBe(SHARD_SCHEMA_VERSION);
    expect(tables.meta.version).toBeUndefined(); // no version: the next query rebuilds from D1
    expect(tables.rows).toBe(0);
  });
});
