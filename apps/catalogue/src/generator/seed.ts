/** Development seed: the official example plus generated datasets, and bulk growth for benchmarks. Idempotent. */
import { harvest, nowIso } from "../datasets/service";
import type { DatasetsRepo } from "../storage/datasets-repo";
import type { Variety } from "./generate";
import { DEMO_SIZE, generatedRecord } from "./generated-record";

export { DEMO_SIZE };
import { OFFICIAL_EXAMPLE_TTL } from "./official-example";

const BATCH = 400;

async function generatedSoFar(db: D1Database): Promise<number> {
  return (await db.prepare(`SELECT value FROM catalogue_meta WHERE key = 'generated'`).first<{ value: number }>())?.value ?? 0;
}

/** Adds generated datasets until `target` of them exist; returns how many were added. */
export async function growGenerated(db: D1Database, repo: DatasetsRepo, target: number, variety: Variety = "demo"): Promise<number> {
  const start = await generatedSoFar(db);
  const now = nowIso();
  for (let from = start; from < target; from += BATCH) {
    const to = Math.min(target, from + BATCH);
    const statements: D1PreparedStatement[] = [];
    for (let i = from; i < to; i++) statements.push(repo.insertStatement(generatedRecord(i, variety), now));
    statements.push(
      db.prepare(`INSERT INTO catalogue_meta (key, value) VALUES ('generated', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).bind(to),
    );
    await repo.commit(statements);
  }
  return Math.max(0, target - start);
}

/**
 * Without a count: the demo set (the official example, owned by the demo publisher "iknl", and 200 generated
 * datasets). With a count: grows the catalogue to that many datasets in total.
 */
export async function seed(db: D1Database, repo: DatasetsRepo, count?: number, variety: Variety = "demo"): Promise<{ datasets: number; added: number }> {
  let added = 0;
  const example = await repo.refsByIris(["https://healthdcat-ap.example.org/release-7/example/dataset-oncology-ehrs-2024"]);
  if (example.length === 0) {
    const report = await harvest(repo, OFFICIAL_EXAMPLE_TTL, "text/turtle", "iknl");
    added += report.imported.length;
  }
  const total = await repo.count();
  const generated = await generatedSoFar(db);
  const wanted = count === undefined ? Math.max(DEMO_SIZE, generated) : generated + Math.max(0, count - total);
  added += await growGenerated(db, repo, wanted, variety);
  return { datasets: await repo.count(), added };
}
