// The revision history of a dataset's metadata: publish, update and withdrawal each keep a revision (number, time,
// who, how) with the document; paged newest first; a withdrawn dataset keeps its history, the last one withdrawn.
import { describe, expect, it } from "vitest";
import { DatasetRevision, DatasetRevisionList } from "@regie/shared/contracts/catalogue";
import { harvest, minimalDataset, publish } from "./helpers";
import { call } from "./dcat3-helpers";

const list = async (id: string, q = "") => {
  const res = await call("GET", `/v1/datasets/${id}/revisions${q}`);
  expect(res.status).toBe(200);
  return DatasetRevisionList.parse(await res.json());
};
/** Every revision number of a dataset, newest first, read page by page (`limit` a page) through the keyset cursor. */
async function allNumbers(id: string, limit: number): Promise<number[]> {
  const numbers: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(id, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    numbers.push(...page.items.map((r) => r.number));
    cursor = page.nextCursor;
  } while (cursor);
  return numbers;
}
const one = async (id: string, n: number) => {
  const res = await call("GET", `/v1/datasets/${id}/revisions/${n}`);
  expect(res.status).toBe(200);
  return DatasetRevision.parse(await res.json());
};

describe("revision history", () => {
  it("keeps each version's document after publish and update, newest first", async () => {
    const ds = await publish("umcu", minimalDataset({ title: { en: "First title" } }));
    const put = await call("PUT", `/v1/datasets/${ds.id}`, "umcu", minimalDataset({ title: { en: "Second title" } }));
    expect(put.status).toBe(200);
    const page = await list(ds.id);
    expect(page.items.map((r) => [r.number, r.action, r.via, r.publisherId])).toEqual([
      [2, "updated", "api", "umcu"],
      [1, "published", "api", "umcu"],
    ]);
    expect(page.kept).toBe(50);
    expect((await one(ds.id, 1)).document).toMatchObject({ id: ds.id, revision: 1, title: { en: "First title" } });
    expect((await one(ds.id, 2)).document).toMatchObject({ revision: 2, title: { en: "Second title" } });
  });

  it("a PUT that changes nothing adds no revision", async () => {
    const body = minimalDataset();
    const ds = await publish("umcu", body);
    expect((await call("PUT", `/v1/datasets/${ds.id}`, "umcu", body)).status).toBe(200);
    expect((await list(ds.id)).items.map((r) => r.number)).toEqual([1]);
  });

  it("a withdrawal is the last revision (no document); the history stays readable; publishing the id again continues it", async () => {
    const body = minimalDataset({ identifier: "REV-WITHDRAW-AGAIN" });
    const ds = await publish("umcu", body);
    expect((await call("DELETE", `/v1/datasets/${ds.id}`, "umcu")).status).toBe(204);
    expect((await call("GET", `/v1/datasets/${ds.id}`)).status).toBe(404);
    const after = await list(ds.id);
    expect(after.items.map((r) => [r.number, r.action])).toEqual([
      [2, "withdrawn"],
      [1, "published"],
    ]);
    expect((await one(ds.id, 2)).document).toBeNull();
    const again = await publish("umcu", body);
    expect(again).toMatchObject({ id: ds.id, revision: 3 });
    expect((await list(ds.id)).items.map((r) => r.action)).toEqual(["published", "withdrawn", "published"]);
  });

  it("pages with a keyset cursor", async () => {
    const ds = await publish("umcu", minimalDataset());
    for (const t of ["b", "c", "d"]) expect((await call("PUT", `/v1/datasets/${ds.id}`, "umcu", minimalDataset({ title: { en: t } }))).status).toBe(200);
    expect(await allNumbers(ds.id, 3)).toEqual([4, 3, 2, 1]);
  });

  it("keeps the newest 50: after 52 changes revisions 1 and 2 are gone, 3 to 52 are readable", async () => {
    const ds = await publish("umcu", minimalDataset());
    for (let i = 2; i <= 52; i++) expect((await call("PUT", `/v1/datasets/${ds.id}`, "umcu", minimalDataset({ title: { en: `t${i}` } }))).status).toBe(200);
    const numbers = await allNumbers(ds.id, 100);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => 52 - i));
    expect((await call("GET", `/v1/datasets/${ds.id}/revisions/2`)).status).toBe(404);
    expect((await one(ds.id, 3)).document).toMatchObject({ revision: 3, title: { en: "t3" } });
  }, 120_000);

  it("a harvest update says it came by harvest", async () => {
    const ds = await publish("iknl", minimalDataset({ title: { en: "Before harvest" } }));
    const ttl = await (await call("GET", `/v1/datasets/${ds.id}`, undefined, undefined, { accept: "text/turtle" })).text();
    const res = await harvest(ttl.replace("Before harvest", "After harvest"), "text/turtle", "iknl");
    expect(res.status).toBe(200);
    const [latest] = (await list(ds.id)).items;
    expect(latest).toMatchObject({ number: 2, action: "updated", via: "harvest", publisherId: "iknl", sourceId: null });
    expect((await one(ds.id, 2)).document).toMatchObject({ title: { en: "After harvest" } });
  });
});
