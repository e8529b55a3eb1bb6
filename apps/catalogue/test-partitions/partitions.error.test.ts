// Failures between the two stores leave nothing half-written: a failed partition write writes nothing; a failed
// catalogue write removes the staged document; when even that removal fails, the document is unreachable and the
// sweep deletes it once it is older than the grace period.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDataset, updateDataset } from "../src/datasets/service";
import { DatasetsRepo } from "../src/storage/datasets-repo";
import { documentStore } from "../src/storage/docs/partitions";
import { GRACE_MS, sweepOrphans } from "../src/storage/docs/sweep";
import { minimalDataset, publish } from "../test/helpers";
import { allDocs, directory, failingBatch, failingStore, rowCount } from "./helpers";

const store = documentStore(env);
const repo = (db: D1Database, fail: { put?: boolean; remove?: boolean } = {}) => new DatasetsRepo(db, failingStore(store, fail));
const refOf = (id: string) => env.DB.prepare(`SELECT id FROM datasets WHERE id = ?1`).bind(id).first();

describe("writes across the catalogue D1 and a document partition", () => {
  it("a failed partition write stores nothing anywhere", { timeout: 60_000 }, async () => {
    const rows = await rowCount();
    const docs = (await allDocs()).length;
    await expect(createDataset(repo(env.DB, { put: true }), minimalDataset({ identifier: "FAIL-PUT" }), "rivm")).rejects.toThrow(/injected/);
    expect(await rowCount()).toBe(rows);
    expect(await refOf("fail-put")).toBeNull();
    expect((await allDocs()).length).toBe(docs);
  });

  it("a failed catalogue write removes the document it staged (no orphan, no dangling row)", { timeout: 60_000 }, async () => {
    const docs = await allDocs();
    // batch 1 reads the directory, batch 2 is the catalogue commit
    await expect(createDataset(repo(failingBatch(env.DB, 2)), minimalDataset({ identifier: "FAIL-COMMIT" }), "rivm")).rejects.toThrow(/injected/);
    expect(await refOf("fail-commit")).toBeNull();
    expect((await directory()).some((d) => d.id === "fail-commit")).toBe(false);
    expect(await allDocs()).toEqual(docs);
  });

  it("a failed update keeps the previous revision readable and its one document", { timeout: 60_000 }, async () => {
    const ds = await publish("rivm", minimalDataset({ identifier: "KEEP-OLD", title: { nl: "Oude titel" } }));
    const before = await allDocs();
    await expect(
      updateDataset(repo(failingBatch(env.DB, 2)), ds.id, minimalDataset({ identifier: "KEEP-OLD", title: { nl: "Nieuwe titel" } }), "rivm"),
    ).rejects.toThrow(/injected/);
    const doc = await new DatasetsRepo(env.DB, store).getDoc(ds.id);
    expect(doc).toMatchObject({ title: { nl: "Oude titel" }, revision: 1 });
    expect(await allDocs()).toEqual(before);
  });

  it("an orphan left by a crash is unreachable, and the sweep deletes it only after the grace period", { timeout: 60_000 }, async () => {
    const rows = await rowCount();
    const before = await allDocs();
    // the catalogue write fails and so does the removal of the staged document: as if the worker died in between
    await expect(createDataset(repo(failingBatch(env.DB, 2), { remove: true }), minimalDataset({ identifier: "ORPHAN" }), "rivm")).rejects.toThrow(/injected/);
    const orphans = (await allDocs()).filter((d) => !before.some((b) => b.token === d.token));
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.id).toBe("orphan");
    expect(await rowCount()).toBe(rows);
    expect(await new DatasetsRepo(env.DB, store).getDoc("orphan")).toBeNull();
    // within the grace period (a write that may still commit) it stays
    expect(await sweepOrphans(env.DB, store, 20)).toBe(0);
    expect((await allDocs()).length).toBe(before.length + 1);
    // later it goes, and nothing referenced goes with it
    expect(await sweepOrphans(env.DB, store, 20, Date.now() + GRACE_MS + 60_000)).toBe(1);
    expect(await allDocs()).toEqual(before);
    expect((await directory()).map((d) => d.token).sort()).toEqual(before.map((d) => d.token).sort());
  });
});
