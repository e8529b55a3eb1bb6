/** The filter index's rows (each isolate's bitset index): all of them, or what changed since a catalogue version. */
import type { IndexRow } from "../../search/search-index";
import { VERSION, versionOf } from "./version";

const INDEX_COLUMNS = `ord, publisher_id, access_rights, facets, modified, title_sort, min_age, max_age, temporal_start, temporal_end, individuals, quality`;

/** Version and index rows read in one batch, so they belong together. */
export async function indexRows(db: D1Database): Promise<{ version: string; rows: IndexRow[] }> {
  const [v, rows] = await db.batch([db.prepare(VERSION), db.prepare(`SELECT ${INDEX_COLUMNS} FROM datasets`)]);
  return { version: versionOf(v!), rows: rows!.results as IndexRow[] };
}

/**
 * What changed since catalogue version `since`, read in one batch with the version it brings the index to:
 * the changed rows as they are now and the ordinals deleted since. Null when the change log cannot tell (another
 * epoch, or older than the log reaches) or more than `limit` datasets changed: then read everything.
 */
export async function indexChanges(db: D1Database, since: string, limit: number): Promise<{ version: string; rows: IndexRow[]; deleted: number[] } | null> {
  const at = since.lastIndexOf(":");
  const epoch = since.slice(0, at);
  const counter = Number(since.slice(at + 1));
  if (!Number.isSafeInteger(counter)) return null;
  const [v, from, changed] = await db.batch([
    db.prepare(VERSION),
    db.prepare(`SELECT value FROM catalogue_meta WHERE key = 'changes_from'`),
    db
      .prepare(
        `SELECT c.ord AS changed, ${INDEX_COLUMNS.split(", ")
          .map((col) => `d.${col}`)
          .join(", ")}
           FROM (SELECT DISTINCT ord FROM dataset_changes WHERE counter >= ?1 LIMIT ?2) AS c LEFT JOIN datasets AS d ON d.ord = c.ord`,
      )
      .bind(counter, limit + 1),
  ]);
  const version = versionOf(v!);
  const logFrom = (from!.results[0] as { value: number } | undefined)?.value;
  if (version.slice(0, version.lastIndexOf(":")) !== epoch || logFrom === undefined || counter < logFrom) return null;
  const results = changed!.results as (IndexRow & { changed: number; ord: number | null })[];
  if (results.length > limit) return null;
  const rows: IndexRow[] = [];
  const deleted: number[] = [];
  for (const { changed: ord, ...row } of results) {
    if (row.ord === null) deleted.push(ord);
    else rows.push(row);
  }
  return { version, rows, deleted };
}
