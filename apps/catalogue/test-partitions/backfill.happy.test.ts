// Rows written before migration 0060 keep their document in the catalogue row; they read as before, and the
// backfill moves them to the partitions page by page, resumably, without touching a dataset rewritten meanwhile.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Dataset, SearchResponse } from "@regie/shared/contracts/catalogue";
import { toRecord } from "../src/datasets/record";
import { recordColumns } from "../src/storage/datasets/row";
import { backfillDocuments } from "../src/storage/docs/backfill";
import { documentStore } from "../src/storage/docs/partitions";
import { getJson, minimalDataset, publish } from "../test/helpers";
import { allDocs, directory } from "./helpers";

/** A row as the catalogue wrote it before migration 0060: document and summary in the row, no directory entry. */
async function legacyRow(n: number) {
  const id = `legacy-${n}`;
  const doc = {
    ...minimalDataset({ identifier: id, title: { nl: `Oudgediend register ${n}` } }),
    id,
    iri: `https://regie.example/dataset/${id}`,
    publisherId: "rivm",
    modified: "2025-01-01T00:00:00Z",
    revision: 1,
  } as Dataset;
  const r = toRecord(doc, "RIVM");
  // written before migration 0050 too: no quality score in the row nor in the summary
  const { quality: _q, ...summary } = r.summary;
  const res = await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO datasets (id, iri, publisher_id, access_rights, title_sort, modified, min_age, max_age, temporal_start, temporal_end, individuals, facets, title_text, keywords_text, description_text, summary, doc, revision, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)`,
    ).bind(...recordColumns(r), JSON.stringify(summary), JSON.stringify(doc), 1, "2025-01-01T00:00:00Z"),
    env.DB.prepare(`UPDATE catalogue_meta SET value = value + 1 WHERE key = 'version'`),
  ]);
  expect(res[0]!.meta.changes).toBeGreaterThan(0);
  expect(await env.DB.prepare(`SELECT id FROM datasets WHERE id = ?1 AND doc <> ?2`).bind(id, "").first()).toEqual({ id });
  return id;
}

describe("backfill of documents written before the partitions", () => {
  it("reads legacy rows as before, then moves them in resumable pages", { timeout: 120_000 }, async () => {
    const legacy: string[] = [];
    for (let i = 0; i < 5; i++) legacy.push(await legacyRow(i));
    const modern = (await publish("rivm", minimalDataset({ identifier: "MODERN", title: { nl: "Oudgediend nieuw" } }))).id;
    const read = async () => {
      for (const id of legacy) expect((await getJson<{ id: string }>(`/v1/datasets/${id}`)).body.id).toBe(id);
      const found = await getJson<SearchResponse>(`/v1/datasets?q=oudgediend&limit=50`);
      expect(found.body.items.map((s) => s.id).sort()).toEqual([...legacy, modern].sort());
      const ckan = await getJson<{ result: { results: { name: string }[] } }>(`/api/3/action/package_search?q=oudgediend&rows=1000`);
      expect(ckan.body.result.results.map((r) => r.name).sort()).toEqual([...legacy, modern].sort());
    };
    await read();
    expect((await directory()).map((d) => d.id)).toEqual([modern]);

    const store = documentStore(env);
    // one page of two at a time: the cursor goes on where the last invocation stopped
    expect(await backfillDocuments(env.DB, store, 1, 2)).toEqual({ moved: 2, done: false });
    expect((await directory()).length).toBe(3);
    await read();
    expect(await backfillDocuments(env.DB, store, 1, 2)).toEqual({ moved: 2, done: false });
    // the last page holds one legacy row and the modern one (already placed, left alone)
    expect(await backfillDocuments(env.DB, store, 5, 2)).toEqual({ moved: 1, done: true });
    expect(await backfillDocuments(env.DB, store, 5, 2)).toEqual({ moved: 0, done: true });
    expect((await directory()).map((d) => d.id).sort()).toEqual([...legacy, modern].sort());
    expect((await env.DB.prepare(`SELECT count(*) AS n FROM datasets WHERE doc <> ''`).first<{ n: number }>())!.n).toBe(0);
    expect((await allDocs()).map((d) => d.token).sort()).toEqual((await directory()).map((d) => d.token).sort());
    await read();
    // scored as they moved: the row has the score (the quality sort) and so has the moved summary (the search hits)
    expect((await env.DB.prepare(`SELECT count(*) AS n FROM datasets WHERE quality IS NULL`).first<{ n: number }>())!.n).toBe(0);
    const hits = await getJson<SearchResponse>(`/v1/datasets?q=oudgediend&limit=50&sort=quality`);
    expect(hits.status).toBe(200);
    expect(hits.body.items.filter((s) => legacy.includes(s.id)).map((s) => typeof s.quality)).toEqual(legacy.map(() => "number"));
  });
});
