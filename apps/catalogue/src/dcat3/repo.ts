/**
 * D1 storage of data services and dataset series (migration 0045): one JSON document per row, owned by a
 * publisher. One class serves both tables. Lists are keyset-paged by `ord`. Series members come from
 * dataset_series_members, which triggers on datasets keep.
 */
import type { SeriesMember } from "@regie/shared/contracts/catalogue";
import type { ResourceKind } from "./validate";

const TABLE: Record<ResourceKind, string> = { service: "data_services", series: "dataset_series" };
/** Members listed with a series (the count is given too); a series of more lists its oldest 500. */
export const MAX_MEMBERS = 500;

export interface ResourceRef {
  ord: number;
  id: string;
  iri: string;
  publisherId: string;
  revision: number;
}

export interface ResourceDoc {
  id: string;
  iri: string;
  publisherId: string;
  modified: string;
  revision: number;
}

export class ResourcesRepo<T extends ResourceDoc> {
  private readonly table: string;
  constructor(
    private readonly db: D1Database,
    kind: ResourceKind,
  ) {
    this.table = TABLE[kind];
  }

  insertStatement(doc: T) {
    return this.db
      .prepare(`INSERT INTO ${this.table} (id, iri, publisher_id, modified, revision, doc) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`)
      .bind(doc.id, doc.iri, doc.publisherId, doc.modified, doc.revision, JSON.stringify(doc));
  }
  updateStatement(doc: T) {
    return this.db
      .prepare(`UPDATE ${this.table} SET modified = ?2, revision = ?3, doc = ?4 WHERE id = ?1`)
      .bind(doc.id, doc.modified, doc.revision, JSON.stringify(doc));
  }
  deleteStatement(id: string) {
    return this.db.prepare(`DELETE FROM ${this.table} WHERE id = ?1`).bind(id);
  }

  async refById(id: string): Promise<ResourceRef | null> {
    return this.db.prepare(`SELECT ord, id, iri, publisher_id AS publisherId, revision FROM ${this.table} WHERE id = ?1`).bind(id).first<ResourceRef>();
  }

  async refsByIris(iris: string[]): Promise<ResourceRef[]> {
    if (iris.length === 0) return [];
    const { results } = await this.db
      .prepare(`SELECT ord, id, iri, publisher_id AS publisherId, revision FROM ${this.table} WHERE iri IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(iris))
      .all<ResourceRef>();
    return results;
  }

  async idsTaken(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { results } = await this.db
      .prepare(`SELECT id FROM ${this.table} WHERE id IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(ids))
      .all<{ id: string }>();
    return new Set(results.map((r) => r.id));
  }

  async getDoc(id: string): Promise<T | null> {
    const row = await this.db.prepare(`SELECT doc FROM ${this.table} WHERE id = ?1`).bind(id).first<{ doc: string }>();
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  /** Oldest first, after ordinal `after`; optionally only those modified since. `next` is the last ordinal when more follow. */
  async page(limit: number, after = 0, modifiedSince = ""): Promise<{ items: T[]; next: number | null }> {
    const { results } = await this.db
      .prepare(`SELECT ord, doc FROM ${this.table} WHERE ord > ?1 AND modified >= ?2 ORDER BY ord LIMIT ?3`)
      .bind(after, modifiedSince, limit + 1)
      .all<{ ord: number; doc: string }>();
    const page = results.slice(0, limit);
    return { items: page.map((r) => JSON.parse(r.doc) as T), next: results.length > limit ? page[page.length - 1]!.ord : null };
  }

  /**
   * The datasets naming series `iri` in dcat:inSeries that belong to `publisherId` (the series' own publisher: a
   * dataset of another publisher can name the series but is not listed), oldest first: dct:issued, dcat:version, id.
   */
  async members(iri: string, publisherId: string): Promise<{ items: SeriesMember[]; total: number }> {
    const [count, rows] = await this.db.batch([
      this.db
        .prepare(
          `SELECT count(*) AS n FROM dataset_series_members AS m JOIN datasets AS d ON d.ord = m.dataset_ord
           WHERE m.series_iri = ?1 AND d.publisher_id = ?2`,
        )
        .bind(iri, publisherId),
      this.db
        .prepare(
          `SELECT d.id, d.iri, json_extract(d.doc, '$.title') AS title, m.issued, m.version, d.modified
           FROM dataset_series_members AS m JOIN datasets AS d ON d.ord = m.dataset_ord WHERE m.series_iri = ?1 AND d.publisher_id = ?2
           ORDER BY m.issued IS NULL, m.issued, m.version IS NULL, m.version, d.id LIMIT ?3`,
        )
        .bind(iri, publisherId, MAX_MEMBERS),
    ]);
    const raw = rows!.results as (Omit<SeriesMember, "title"> & { title: string })[];
    const items = raw.map((r) => ({ ...r, title: JSON.parse(r.title) as SeriesMember["title"] }));
    return { items, total: (count!.results[0] as { n: number }).n };
  }
}
