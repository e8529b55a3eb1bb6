/**
 * One chunk of a pushed harvest job: parse the job's chunk at its progress (./chunks.ts: the statements of
 * HARVEST_INVOCATION_DATASETS datasets, split off at push), map its datasets (rdf/from-rdf.ts datasetSlice, the same
 * datasets as the whole document's slice), validate them, and write them with one row per dataset's outcome and
 * the job's progress in ONE commit (src/storage/datasets-repo.ts: documents staged first, then one D1 batch). A
 * dataset is written whole or not at all; a chunk that runs twice (a redelivered message, two consumers at once)
 * fails on the outcome rows' primary key and writes nothing.
 *
 * Bounds per invocation: one R2 read and one parse of one chunk (≤ 1.2 MB of N-Quads, ≈ 10,700 statements for 100
 * of the bench's realistic datasets; heap measured in docs/catalogue.md), the chunk's JSON only, and ≈ 10 + 4 × chunk D1
 * statements in ≈ 12 queries (chunk = HARVEST_INVOCATION_DATASETS, 100: ≈ 400 statements even if a batch's
 * statements count one by one against the 1,000 queries of an invocation).
 */
import type { HarvestPushItem } from "@regie/shared/contracts/catalogue";
import { nowIso, planHarvest } from "../datasets/service";
import { datasetSlice } from "../rdf/from-rdf";
import type { DatasetsRepo } from "../storage/datasets-repo";
import { readChunk } from "./chunks";
import { HarvestPushRepo, type StoredPushJob } from "./repo";

export type StepResult = "written" | "done" | "raced";

/** An error D1 raises for the outcome rows' primary key: this chunk was written by another run. */
const isDuplicate = (e: unknown) => /UNIQUE constraint failed: harvest_push_items/i.test(String((e as Error)?.message ?? e));

/** Processes the job's next chunk, `count` datasets from its progress in the N-Quads `chunk`; "done" when nothing was left to do. */
export async function harvestStep(db: D1Database, repo: DatasetsRepo, j: StoredPushJob, chunk: string, count: number): Promise<StepResult> {
  if (j.status !== "running" || j.processed >= j.total) return "done";
  const from = j.processed;
  const { datasets } = datasetSlice(readChunk(chunk), 0, count);
  const to = from + datasets.length;
  if (datasets.length !== count || count === 0 || to > j.total) {
    throw new Error(`the stored chunk at ${from} of job ${j.id} holds ${datasets.length} datasets, ${count} expected (of ${j.total})`);
  }
  const { statements, outcomes } = await planHarvest(repo, datasets, j.publisherId);
  const jobs = new HarvestPushRepo(db);
  const items: HarvestPushItem[] = outcomes.map((o, i) =>
    "imported" in o
      ? {
          position: from + i,
          iri: o.imported.iri,
          outcome: o.imported.created ? "added" : "updated",
          id: o.imported.id,
          violations: [],
          warnings: o.imported.warnings ?? [],
        }
      : { position: from + i, iri: o.rejected.iri, outcome: "rejected", id: null, violations: o.rejected.violations, warnings: [] },
  );
  const counts = {
    added: items.filter((i) => i.outcome === "added").length,
    updated: items.filter((i) => i.outcome === "updated").length,
    rejected: items.filter((i) => i.outcome === "rejected").length,
  };
  try {
    await repo.commit([...items.map((i) => jobs.itemStatement(j.id, i)), ...statements, jobs.progressStatement(j, from, to, counts, nowIso())]);
  } catch (e) {
    if (isDuplicate(e)) return "raced";
    throw e;
  }
  return "written";
}
