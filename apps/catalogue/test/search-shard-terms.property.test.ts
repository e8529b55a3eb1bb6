/**
 * The index shards' term-frequency table (src/search/shard/terms.ts, `shard_terms`) holds exactly what FTS5's own
 * instance view of `shard_fts` gives — per term and row the instances weighted title 10, keywords 4, description
 * 1 — after a first build and after random publish / update / delete sequences followed through the change log;
 * the scratch table it is written through is empty between writes. And the shards' per-phrase row lists
 * (src/search/shard/phrase-cache.ts) do not outlive a write: the same query sees a word come and go with
 * publish, update and delete.
 */
import { env, runInDurableObject } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { datasetIri, slug } from "../src/dcat/identity";
import { publisherName } from "../src/datasets/service";
import { toRecord } from "../src/datasets/record";
import { generateDataset } from "../src/generator/generate";
import type { IndexShard } from "../src/search/shard/index-shard";
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
/** shard_terms, and the same figures computed from FTS5's instance view of shard_fts, in one shard. */
async function termTables(k: number): Promise<{ stored: Row[]; fts: Row[]; scratch: number }> {
  const stub = env.SEARCH_SHARDS.get(env.SEARCH_SHARDS.idFromName(`${SHARDS}:${k}`));
  return runInDurableObject(stub, (_: IndexShard, state: DurableObjectState) => {
    const sql = state.storage.sql;
    sql.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS check_vocab USING fts5vocab(shard_fts, instance)`);
    const stored = sql.exec<Row>(`SELECT term, doc, f FROM shard_terms ORDER BY term, doc`).toArray();
    const fts = sql
      .exec<Row>(
        `SELECT term, doc, sum(CASE col WHEN 'title' THEN 10.0 WHEN 'keywords' THEN 4.0 ELSE 1.0 END) AS f
         FROM check_vocab GROUP BY term, doc ORDER BY term, doc`,
      )
      .toArray();
    sql.exec(`DROP TABLE check_vocab`);
    const scratch = sql.exec<{ n: number }>(`SELECT count(*) AS n FROM shard_scratch_vocab`).one().n;
    return { stored, fts, scratch };
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
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === "publish" || live.length === 0) await publish(o.kind === "publish" ? o.i : 0);
          else if (o.kind === "update") await update(live[o.target % live.length]!, o.i);
          else await remove(live[o.target % live.length]!);
        }
        await search();
        for (let k = 0; k < SHARDS; k++) {
          const { stored, fts, scratch } = await termTables(k);
          expect(stored).toEqual(fts);
          expect(scratch).toBe(0);
          compared += stored.length;
        }
      }),
      { numRuns: 15 },
    );
    expect(compared).toBeGreaterThan(1000);
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
});
