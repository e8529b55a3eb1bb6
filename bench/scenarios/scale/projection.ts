// The 2,000,000 projection: 16 shards of 125,000 datasets. A shard's memory is measured on a shard of that size
// when the run has one (BENCH_SCALE_DATASETS=500,000 over the dev stack's 4 shards), else scaled from the measured
// bytes per row; a query's cost is the slowest shard's (the shards answer in parallel, one object each) plus the
// merge of 16 answers with full facet lists (1,000 values for publisher and keyword), measured here in Node.
import { performance } from "node:perf_hooks";
import { mulberry32 } from "@regie/shared/util/prng";
import { mergeFacets, mergeItems } from "@regie/catalogue/search/shard/merge";
import type { ShardAnswer } from "@regie/catalogue/search/shard/query";
import type { ShardInfo } from "@regie/catalogue/search/shard/info";
import { spread } from "../../lib/numbers";

const FULL_SHARD = 125_000;
const TARGET = 2_000_000;

export function mergeCost(shards = 16, values = 1000) {
  const fields = ["theme", "healthCategory", "publisher", "accessRights", "keyword", "format", "language"] as const;
  const r = mulberry32(9);
  const answers: ShardAnswer[] = Array.from({ length: shards }, () => ({
    total: 100_000,
    items: Array.from({ length: 100 }, (_, i): [number, number] => [Math.floor(r() * 2e6), -10 + i * 0.01]),
    facets: Object.fromEntries(
      fields.map((f) => [
        f,
        {
          values: Array.from({ length: f === "keyword" || f === "publisher" ? values : 20 }, (_, i): [string, number, string | undefined] => [
            `${f}-${i}`,
            Math.floor(r() * 1000),
            undefined,
          ]),
          more: 0,
        },
      ]),
    ) as ShardAnswer["facets"],
  }));
  const times: number[] = [];
  for (let i = 0; i < 110; i++) {
    const t0 = performance.now();
    mergeFacets(answers, {}, "en");
    mergeItems(answers, "relevance", 0, 100);
    if (i >= 10) times.push(performance.now() - t0); // the first 10: warm-up (JIT)
  }
  return { shards, valuesPerFacet: values, ...spread(times), answerBytes: JSON.stringify(answers[0]).length };
}

export function projection(shards: ShardInfo[], slowestShardQueryMs: { p50: number | null; p95: number | null }) {
  const largest = shards.reduce((a, b) => (b.rows > a.rows ? b : a));
  const perRow = Math.max(...shards.map((s) => s.bytes / Math.max(1, s.rows)));
  const measuredFull = largest.rows >= FULL_SHARD * 0.99;
  const shardBytes = measuredFull ? largest.bytes : Math.round(perRow * FULL_SHARD);
  const merge = mergeCost();
  return {
    method:
      "2,000,000 datasets = 16 shards of 125,000. Memory of one shard: its counted in-memory structures (ShardState.bytes) " +
      (measuredFull ? "measured on a shard of 125,000 rows" : "= the measured bytes per row × 125,000") +
      ", plus its text cache (16 MiB at most). Query: the shards run in parallel, so the time is the slowest shard's plus the coordinator's merge of 16 answers (measured in Node).",
    shards: TARGET / FULL_SHARD,
    shardRows: FULL_SHARD,
    measuredShardRows: largest.rows,
    measuredOnFullShard: measuredFull,
    shardBytes,
    shardBytesWithTextCache: shardBytes + 16 * 1048576,
    shardSqliteBytes: measuredFull ? largest.sqliteBytes : Math.round((largest.sqliteBytes / Math.max(1, largest.rows)) * FULL_SHARD),
    searchAtFullShardMs: slowestShardQueryMs,
    merge,
    projectedQueryP95Ms: slowestShardQueryMs.p95 === null || merge.p95 === null ? null : Math.round((slowestShardQueryMs.p95 + merge.p95) * 10) / 10,
  };
}
