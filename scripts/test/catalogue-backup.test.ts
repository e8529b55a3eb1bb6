/**
 * The catalogue's backup round trip against real local D1 (wrangler + miniflare, as `npm start` runs it): seed
 * datasets through the development API, record what users see (full-text search, prefix search, facets, sorting,
 * one dataset), back up, wipe the state, restore, and see the same answers from a restarted worker.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupApp } from "../d1-backup/backup";
import { applyMigrations, literal, queryAll } from "../d1-backup/lib";
import { restoreApp } from "../d1-backup/restore";
import { getJson, quiet, startCatalogue, tempTarget } from "./helpers";

const { work, target } = tempTarget("catalogue-backup");
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface SearchBody {
  total: number;
  items: { id: string; title: Record<string, string> }[];
  facets: Record<string, unknown[]>;
}

/** Everything a user can see of the catalogue that the test compares before and after. */
async function catalogueAnswers(base: string, words: string[], id: string) {
  const answers: Record<string, unknown> = {};
  answers.all = await getJson(`${base}/v1/datasets?limit=50`);
  answers.byModified = await getJson(`${base}/v1/datasets?sort=modified&limit=50`);
  for (const w of words) {
    answers[`q=${w}`] = await getJson(`${base}/v1/datasets?q=${encodeURIComponent(w)}&limit=100`);
    const prefix = w.slice(0, 4);
    answers[`q=${prefix}`] = await getJson(`${base}/v1/datasets?q=${encodeURIComponent(prefix)}&limit=100`);
  }
  answers.dataset = await getJson(`${base}/v1/datasets/${encodeURIComponent(id)}`);
  return answers;
}

const CATALOGUE_TABLES = [
  "datasets",
  "catalogue_meta",
  "dataset_tombstones",
  "access_applications",
  "idempotency_keys",
  // EHDS applications (0030): attachments are described here, their bytes live in R2 (not part of a D1 backup)
  "application_attachments",
  "application_collaborators",
  "application_notifications",
  "email_outbox",
  "permits",
  // pulled harvest sources (0021)
  "harvest_sources",
  "harvest_jobs",
  "harvest_job_seen",
  "harvested_datasets",
  // DCAT-AP 3 data services, dataset series and the revision history (0045)
  "data_services",
  "dataset_series",
  "dataset_revisions",
];

/** Row counts of the tables (and of the change log), and catalogue_meta as exact literals: one wrangler call. */
async function state(words: string[]) {
  const tables = [...CATALOGUE_TABLES, "dataset_changes"];
  const rows = await queryAll<Record<string, string | number>>("catalogue", target, [
    ...tables.map((t) => `SELECT count(*) AS n FROM "${t}"`),
    `SELECT key, quote(value) AS v FROM catalogue_meta ORDER BY key`,
    // the full-text index itself: its hits for each word, straight from D1
    ...words.map((w) => `SELECT group_concat(rowid) AS n FROM (SELECT rowid FROM datasets_fts WHERE datasets_fts MATCH ${literal(w)} ORDER BY rowid)`),
  ]);
  const counts = Object.fromEntries(tables.map((t, i) => [t, Number(rows[i]![0]!.n)]));
  const meta = Object.fromEntries(rows[tables.length]!.map((r) => [String(r.key), String(r.v)]));
  const fts = rows.slice(tables.length + 1).map((r) => String(r[0]!.n));
  return { counts, meta, fts };
}

function statementsOf(sql: string): string[] {
  return sql.split("\n").filter((l) => l.startsWith("INSERT") || l.startsWith("UPDATE"));
}

describe("catalogue: backup, wipe, restore", () => {
  let before: Record<string, unknown>;
  let beforeCounts: Record<string, number>;
  let beforeMeta: Record<string, string>;
  let beforeFts: string[];
  let words: string[];
  let id: string;
  const backups = join(work, "backups-catalogue");

  beforeAll(async () => {
    await applyMigrations("catalogue", target);
    const { base, stop } = await startCatalogue(work, target);
    try {
      const seeded = await fetch(`${base}/dev/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: 300 }) });
      expect(seeded.status).toBe(200);
      // words to search for, taken from the data: the longest word of a few titles
      const first = (await getJson(`${base}/v1/datasets?limit=100`)) as SearchBody;
      expect(first.total).toBe(300);
      const picks = [first.items[0]!, first.items[37]!, first.items[81]!];
      words = picks.map(
        (d) =>
          Object.values(d.title)
            .join(" ")
            .split(/[^\p{L}]+/u)
            .filter((w) => w.length >= 5)
            .sort((a, b) => b.length - a.length)[0]!,
      );
      id = picks[1]!.id;
      before = await catalogueAnswers(base, words, id);
    } finally {
      await stop();
    }
    const s = await state(words);
    expect(s.counts.dataset_changes).toBeGreaterThan(0);
    delete s.counts.dataset_changes;
    beforeCounts = s.counts;
    beforeMeta = s.meta;
    beforeFts = s.fts;
    for (const hits of beforeFts) expect(hits).toMatch(/^\d+(,\d+)*$/);
  });

  it("exports the real tables and leaves out the full-text index and the change log", async () => {
    const manifest = await backupApp("catalogue", target, backups, quiet);
    expect(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]))).toEqual(beforeCounts);
    expect(manifest.excluded.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        "datasets_fts",
        "datasets_fts_data",
        "datasets_fts_idx",
        "datasets_fts_docsize",
        "datasets_fts_config",
        "dataset_changes",
        "d1_migrations",
      ]),
    );
    expect(manifest.migrations).toEqual([
      "0001_init.sql",
      "0002_idempotency.sql",
      "0003_index_changes.sql",
      "0010_export_keyset.sql",
      "0020_tombstone_publisher.sql",
      "0021_harvest_sources.sql",
      "0030_application_workflow.sql",
      "0045_dcat3_resources.sql",
      "0050_quality.sql",
    ]);
    const sql = readFileSync(join(backups, "catalogue.sql"), "utf8");
    expect(sql).not.toMatch(/datasets_fts|dataset_changes/);
    expect(statementsOf(sql).filter((s) => s.startsWith('INSERT INTO "datasets"'))).toHaveLength(300);
  });

  it("restores into a wiped state: the same search answers, facets and datasets, with a rebuilt full-text index", async () => {
    rmSync(join(target.persistTo!, "catalogue"), { recursive: true, force: true });
    await restoreApp("catalogue", target, backups, { log: quiet });
    const { counts, meta: m, fts } = await state(words);
    expect(counts).toEqual({ ...beforeCounts, dataset_changes: 0 });
    expect(fts).toEqual(beforeFts);
    // a new epoch and a higher version: no isolate can take its old index for this database
    expect(m.epoch).not.toBe(beforeMeta.epoch);
    expect(Number(m.version)).toBeGreaterThan(Number(beforeMeta.version));
    expect(m.generated).toBe(beforeMeta.generated);

    const { base, stop } = await startCatalogue(work, target);
    try {
      const after = await catalogueAnswers(base, words, id);
      expect(after).toEqual(before);
      for (const w of words) expect((after[`q=${w}`] as SearchBody).total).toBeGreaterThan(0);
    } finally {
      await stop();
    }
  });

  it("refuses to restore over a database that holds data", async () => {
    await expect(restoreApp("catalogue", target, backups, { log: quiet })).rejects.toThrow(/not empty: (.*, )?datasets \(300 rows\)/);
  });
});
