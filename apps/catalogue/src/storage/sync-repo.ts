/**
 * D1 reads for harvesters that mirror Regie: withdrawn datasets (dataset_tombstones, migration 0020), the CKAN
 * sync listing (live and withdrawn datasets in id order) and package_list. Each is one statement or one batch with
 * a fixed number of bound parameters (lists travel as one JSON parameter), so no query nears D1's 100.
 */
import type { Dataset } from "@regie/shared/contracts/catalogue";
import type { SyncFilter, Tombstone } from "../ckan/sync";

export type SyncRow = { state: "active"; doc: Dataset } | { state: "deleted"; tombstone: Tombstone };

// ?1 from (or ''), ?2 to (or ''), ?3 include orgs JSON, ?4 exclude orgs, ?5 include groups, ?6 exclude groups, ?7 with deleted
const SYNC_FROM = `FROM (
  SELECT id, 'active' AS state, doc AS body, modified AS m, publisher_id AS org, json_extract(facets, '$.theme') AS themes FROM datasets
  UNION ALL
  SELECT id, 'deleted', json_object('id', id, 'iri', iri, 'deletedAt', deleted_at, 'publisherId', publisher_id), deleted_at, publisher_id, NULL
  FROM dataset_tombstones WHERE ?7 = 1
) AS s
WHERE (?1 = '' OR s.m >= ?1) AND (?2 = '' OR s.m <= ?2)
  AND (json_array_length(?3) = 0 OR s.org IN (SELECT value FROM json_each(?3)))
  AND (s.org IS NULL OR s.org NOT IN (SELECT value FROM json_each(?4)))
  AND (json_array_length(?5) = 0 OR EXISTS (SELECT 1 FROM json_each(coalesce(s.themes, '[]')) WHERE value IN (SELECT value FROM json_each(?5))))
  AND NOT EXISTS (SELECT 1 FROM json_each(coalesce(s.themes, '[]')) WHERE value IN (SELECT value FROM json_each(?6)))`;

export class SyncRepo {
  constructor(private readonly db: D1Database) {}

  private bind(sql: string, f: SyncFilter, withDeleted: boolean, ...extra: number[]) {
    const lists = [f.organizations, f.excludeOrganizations, f.groups, f.excludeGroups].map((l) => JSON.stringify(l));
    return this.db.prepare(sql).bind(f.modifiedFrom ?? "", f.modifiedTo ?? "", ...lists, withDeleted ? 1 : 0, ...extra);
  }

  /** Live (and, with `withDeleted`, withdrawn) datasets matching `f`, in id order, with the total. */
  async syncPage(f: SyncFilter, withDeleted: boolean, offset: number, limit: number): Promise<{ count: number; rows: SyncRow[] }> {
    const [c, page] = await this.db.batch([
      this.bind(`SELECT count(*) AS n ${SYNC_FROM}`, f, withDeleted),
      this.bind(`SELECT id, state, body ${SYNC_FROM} ORDER BY s.id LIMIT ?8 OFFSET ?9`, f, withDeleted, limit, offset),
    ]);
    const rows = (page!.results as { state: string; body: string }[]).map((r): SyncRow =>
      r.state === "active" ? { state: "active", doc: JSON.parse(r.body) as Dataset } : { state: "deleted", tombstone: JSON.parse(r.body) as Tombstone },
    );
    return { count: (c!.results[0] as { n: number }).n, rows };
  }

  /** package_list: ids of the live datasets in id order. */
  async ids(offset: number, limit: number): Promise<string[]> {
    const { results } = await this.db.prepare(`SELECT id FROM datasets ORDER BY id LIMIT ?1 OFFSET ?2`).bind(limit, offset).all<{ id: string }>();
    return results.map((r) => r.id);
  }

  async tombstone(id: string): Promise<Tombstone | null> {
    return this.db
      .prepare(`SELECT id, iri, deleted_at AS deletedAt, publisher_id AS publisherId FROM dataset_tombstones WHERE id = ?1`)
      .bind(id)
      .first<Tombstone>();
  }

  /** Datasets withdrawn at or after `since` (ISO), oldest first, one page. */
  async tombstonesSince(since: string, offset: number, limit: number): Promise<{ total: number; items: Tombstone[] }> {
    const [c, page] = await this.db.batch([
      this.db.prepare(`SELECT count(*) AS n FROM dataset_tombstones WHERE deleted_at >= ?1`).bind(since),
      this.db
        .prepare(
          `SELECT id, iri, deleted_at AS deletedAt, publisher_id AS publisherId FROM dataset_tombstones WHERE deleted_at >= ?1 ORDER BY deleted_at, id LIMIT ?2 OFFSET ?3`,
        )
        .bind(since, limit, offset),
    ]);
    return { total: (c!.results[0] as { n: number }).n, items: page!.results as Tombstone[] };
  }
}
