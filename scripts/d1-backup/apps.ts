/** The two databases a backup covers, what is special about each, and where they are (local or remote). */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export type AppName = "catalogue" | "consent";
export const APP_NAMES: AppName[] = ["catalogue", "consent"];

export interface AppSpec {
  /** Tables kept by triggers or caches that a restore empties instead of restoring. */
  derived: string[];
  /** Tables the migrations already put rows in: imported with INSERT OR REPLACE, ignored when checking "empty". */
  seededByMigrations: string[];
  /** A value that moves with every write; a backup during which it moved is taken again. */
  changeProbe?: string;
  /** Run after the data is imported. */
  afterRestore: string[];
  /** Run after the restore; a statement that fails, or returns a row whose `ok` is not 1, fails the restore. */
  verify: string[];
}

export const APPS: Record<AppName, AppSpec> = {
  catalogue: {
    // dataset_series_members (0045) is kept by triggers on datasets from each document's dcat:inSeries
    derived: ["dataset_changes", "dataset_series_members"],
    seededByMigrations: ["catalogue_meta"],
    changeProbe: `SELECT (SELECT value FROM catalogue_meta WHERE key = 'epoch') || ':' || (SELECT value FROM catalogue_meta WHERE key = 'version') AS v`,
    afterRestore: [
      // The full-text index from the restored rows. Not FTS5's 'rebuild': that reads the content table by the FTS
      // column names (title, keywords, description), which `datasets` names title_text, keywords_text, description_text.
      `INSERT INTO datasets_fts(datasets_fts) VALUES('delete-all')`,
      `INSERT INTO datasets_fts(rowid, title, keywords, description) SELECT ord, title_text, keywords_text, description_text FROM datasets`,
      // the change log only means something to isolates of the old database
      `DELETE FROM dataset_changes`,
      // series membership from the restored documents (the insert triggers wrote it already; this makes it exact)
      `DELETE FROM dataset_series_members`,
      `INSERT OR IGNORE INTO dataset_series_members (series_iri, dataset_ord, issued, version) SELECT j.value, d.ord, json_extract(d.doc, '$.issued'), ` +
        `json_extract(d.doc, '$.version') FROM datasets AS d, json_each(d.doc, '$.inSeries') AS j`,
      // A new epoch and a higher version: no isolate's in-memory search index or cached answer (keyed by
      // epoch:version) can pass for this database, so each rebuilds from the restored rows.
      `UPDATE catalogue_meta SET value = abs(random()) WHERE key = 'epoch'`,
      `UPDATE catalogue_meta SET value = value + 1 WHERE key = 'version'`,
      `INSERT OR REPLACE INTO catalogue_meta (key, value) SELECT 'changes_from', value FROM catalogue_meta WHERE key = 'version'`,
    ],
    verify: [
      `INSERT INTO datasets_fts(datasets_fts) VALUES('integrity-check')`,
      // one index entry per dataset
      `SELECT (SELECT count(*) FROM datasets_fts_docsize) = (SELECT count(*) FROM datasets) AS ok`,
    ],
  },
  consent: {
    derived: [],
    seededByMigrations: [],
    // the address book's full-text index (migration 0030) from the restored rows (its columns are the content table's)
    afterRestore: [`INSERT INTO organisations_fts(organisations_fts) VALUES('rebuild')`],
    verify: [`INSERT INTO organisations_fts(organisations_fts) VALUES('integrity-check')`],
  },
};

/** Where the databases are: local (wrangler's default state, or `--persist-to`) or remote, in a wrangler environment. */
export interface Target {
  remote: boolean;
  /** Local only: a directory holding one state directory per app (`<dir>/<app>`), as scripts/stack.ts uses. */
  persistTo?: string;
  /** Passed through as `--env`. */
  env?: string;
}

export function describeTarget(t: Target): string {
  const where = t.remote ? "remote (production D1)" : `local${t.persistTo ? ` (${t.persistTo})` : ""}`;
  return t.env ? `${where}, environment ${t.env}` : where;
}

export interface Manifest {
  format: "regie-d1-backup/1";
  app: AppName;
  createdAt: string;
  source: string;
  /** The migrations applied to the database the backup was taken from (its schema level). */
  migrations: string[];
  tables: { name: string; rows: number; columns: string[] }[];
  excluded: { name: string; why: string }[];
  /** The catalogue's epoch:version while the backup was read (unchanged from start to end). */
  changeProbe?: string;
  file: string;
  sha256: string;
  statements: number;
}
