/** The MQA score in the API: on a dataset, in detail at /quality, on search hits, as sort=quality with cursors, and the backfill. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DatasetQuality, SearchResponse, type Dataset, type DatasetInput } from "@regie/shared/contracts/catalogue";
import { backfillQuality } from "../../src/quality/backfill";
import { EHDS, getJson, minimalDataset, publish } from "../helpers";

const richer = (identifier: string): DatasetInput =>
  minimalDataset({
    identifier,
    title: { nl: `Rijk ${identifier}`, en: `Rich ${identifier}` },
    spatial: ["http://publications.europa.eu/resource/authority/country/NLD"],
    temporal: [{ startDate: "2020-01-01", endDate: "2024-12-31" }],
    issued: "2024-01-01",
    publisher: { name: { nl: "IKNL" }, contactPoint: { email: "info@iknl.example.nl" } },
    distribution: [
      {
        applicableLegislation: [EHDS],
        accessURL: "https://example.nl/access",
        downloadURL: "https://example.nl/file.csv",
        format: "CSV",
        mediaType: "https://www.iana.org/assignments/media-types/text/csv",
        license: "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
        rights: "https://example.nl/rights",
        byteSize: 2048,
      },
    ],
  });
const poorer = (identifier: string): DatasetInput =>
  minimalDataset({
    identifier,
    title: { nl: `Arm ${identifier}` },
    distribution: [{ applicableLegislation: [EHDS], accessURL: "urn:x:closed", format: "SAS" }],
  });

describe("quality score in the API", () => {
  it("GET /v1/datasets/{id} carries the score; /quality gives dimensions, metrics and what would raise it", async () => {
    const { id } = await publish("iknl", poorer(`Q-POOR-${crypto.randomUUID().slice(0, 6)}`));
    const ds = await getJson<Dataset>(`/v1/datasets/${id}`);
    expect(ds.status).toBe(200);
    const q = await getJson(`/v1/datasets/${id}/quality`);
    expect(q.status).toBe(200);
    const quality = DatasetQuality.parse(q.body);
    expect(ds.body.quality).toBe(quality.score);
    expect(quality.max).toBe(405);
    expect(quality.datasetId).toBe(id);
    // no reachable access URL, no download URL, a proprietary format: those points are what would raise it
    const raise = quality.toRaise.map((r) => r.id);
    expect(raise.slice(0, 1)).toEqual(["accessUrlAccessibility"]);
    expect(raise).toEqual(expect.arrayContaining(["downloadUrl", "nonProprietary", "geoSearch", "licenceInformation"]));
    expect(quality.toRaise.reduce((n, r) => n + r.points, 0)).toBe(405 - quality.score);
  });

  it("an unknown dataset's quality is a 404 problem", async () => {
    const res = await getJson("/v1/datasets/no-such-dataset/quality");
    expect(res.status).toBe(404);
    expect(res.res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("sort=quality lists the best described first, with the score on each hit, through every cursor page", async () => {
    const tag = `qsort${crypto.randomUUID().slice(0, 6).replace(/-/g, "")}`;
    const ids: string[] = [];
    for (const [i, make] of [poorer, richer, poorer, richer, poorer].entries()) {
      const input = make(`${tag.toUpperCase()}-${i}`);
      ids.push((await publish("iknl", { ...input, keyword: [{ value: tag, lang: "en" }] })).id);
    }
    const seen: { id: string; quality?: number }[] = [];
    let cursor: string | null = null;
    do {
      const page = await getJson(`/v1/datasets?keyword=${tag}&sort=quality&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status).toBe(200);
      const body = SearchResponse.parse(page.body);
      seen.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.map((s) => s.id).sort()).toEqual([...ids].sort());
    const scores = seen.map((s) => s.quality!);
    expect(scores.every((s) => typeof s === "number")).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBeGreaterThan(scores[scores.length - 1]!);
  });

  it("the backfill scores datasets stored before the score existed, and the quality sort follows", async () => {
    const tag = `qfill${crypto.randomUUID().slice(0, 6).replace(/-/g, "")}`;
    // the poorer one first, so that a sort that ignored the scores (ties by ordinal) would list it first
    const poor = await publish("iknl", { ...poorer(`${tag.toUpperCase()}-P`), keyword: [{ value: tag, lang: "en" }] });
    const rich = await publish("iknl", { ...richer(`${tag.toUpperCase()}-R`), keyword: [{ value: tag, lang: "en" }] });
    // as a row written before migration 0050 (no score)
    await env.DB.prepare(`UPDATE datasets SET quality = NULL, summary = json_remove(summary, '$.quality') WHERE id IN (?1, ?2)`).bind(rich.id, poor.id).run();
    const unscored = await env.DB.prepare(`SELECT count(*) AS n FROM datasets WHERE quality IS NULL`).first<{ n: number }>();
    expect(unscored?.n).toBe(2);
    await env.DB.prepare(`UPDATE catalogue_meta SET value = value + 1 WHERE key = 'version'`).run();
    expect(await backfillQuality(env.DB)).toBeGreaterThanOrEqual(2);
    const left = await env.DB.prepare(`SELECT count(*) AS n FROM datasets WHERE quality IS NULL`).first<{ n: number }>();
    expect(left?.n).toBe(0);
    const page = SearchResponse.parse((await getJson(`/v1/datasets?keyword=${tag}&sort=quality`)).body);
    expect(page.items.map((i) => i.id)).toEqual([rich.id, poor.id]);
    expect(page.items[0]!.quality).toBeGreaterThan(page.items[1]!.quality!);
  });

  it("a cursor of the quality sort that is not one of ours is a 400", async () => {
    const bogus = btoa(JSON.stringify({ o: 2, s: "quality", k: "not-a-number", d: 1 })).replace(/=+$/, "");
    const res = await getJson(`/v1/datasets?sort=quality&cursor=${bogus}`);
    expect(res.status).toBe(400);
  });
});
