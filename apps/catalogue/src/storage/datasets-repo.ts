/** D1 storage of datasets. Every change bumps the catalogue version in the same batch (atomic). */
import type { Dataset, DatasetSummary } from "@regie/shared/contracts/catalogue";
import type { DatasetRecord } from "../datasets/record";
import type { IndexRow } from "../search/search-index";
import { noteChange } from "../search/version-cache";
import { RevisionsRepo } from "../revisions/repo";

const INSERT = `INSERT INTO datasets (id, iri, publisher_id, access_rights, title_sort, modified, min_age, max_age, temporal_start, temporal_end, individuals, facets, title_text, keywords_text, description_text, summary, doc, revision, created_at, quality)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)`;
const UPDATE = `UPDATE datasets SET iri = ?2, publisher_id = ?3, access_rights = ?4, title_sort = ?5, modified = ?6, min_age = ?7, max_age = ?8,
temporal_start = ?9, temporal_end = ?10, individuals = ?11, facets = ?12, title_text = ?13, keywords_text = ?14, description_text = ?15,
summary = ?16, doc = ?17, revision = ?18, quality = ?19 WHERE id = ?1`;
const VERSION = `SELECT (SELECT value FROM catalogue_meta WHERE key = 'epoch') || ':' || (SELECT value FROM catalogue_meta WHERE key = 'version') AS v`;
/**
 * FTS5 hits ranked by bm25 (column weights title 10, keywords 4, description 1; lower is better; ties by ordinal),
 * as one string of `position:ordinal` pairs in one row with the catalogue version (an aggregate's order is not
 * guaranteed, positions are), and the summaries of one page of them: the
 * hits whose ordinal is set in the filter ?2 (hex, 4 ordinals a digit, lowest bit first; see toHex in search/bitset.ts), skipping
 * ?3 and taking ?4. One statement reads all of it from one snapshot in one D1 round trip, and one row crosses the
 * D1 boundary instead of one per hit. MATERIALIZED: the FTS query runs once for both uses.
 */
const RANKED_TEXT = `WITH ranked AS MATERIALIZED (
  SELECT rowid AS ord, bm25(datasets_fts, 10.0, 4.0, 1.0) AS score FROM datasets_fts WHERE datasets_fts MATCH ?1
)
SELECT (${VERSION}) AS v,
  (SELECT group_concat(n || ':' || ord) FROM (SELECT ord, row_number() OVER (ORDER BY score, ord) AS n FROM ranked)) AS ords,
  (SELECT json_group_array(json_array(p.n, p.ord, json(d.summary))) FROM (
     SELECT ord, row_number() OVER (ORDER BY score, ord) AS n FROM ranked
     WHERE ((instr('0123456789abcdef', substr(CAST(?2 AS BLOB), (ord >> 2) + 1, 1)) - 1) >> (ord & 3)) & 1
     ORDER BY score, ord LIMIT ?4 OFFSET ?3
   ) AS p JOIN datasets AS d ON d.ord = p.ord) AS page`;
/** Summaries of the ordinals in ?1 (a JSON array) as one JSON array of [ord, summary] pairs, with the catalogue version. */
const SUMMARIES = `SELECT (${VERSION}) AS v, (SELECT json_group_array(json_array(ord, json(summary))) FROM datasets WHERE ord IN (SELECT value FROM json_each(?1))) AS items`;
const BUMP = `UPDATE catalogue_meta SET value = value + 1 WHERE key = 'version'`;
/** Versions of dataset changes kept in dataset_changes (migration 0003) for isolates to catch up from. */
export const CHANGE_LOG_VERSIONS = 128;
const PRUNE_CHANGES = [
  `DELETE FROM dataset_changes WHERE counter < (SELECT value FROM catalogue_meta WHERE key = 'version') - ${CHANGE_LOG_VERSIONS}`,
  `UPDATE catalogue_meta SET value = max(value, (SELECT value FROM catalogue_meta WHERE key = 'version') - ${CHANGE_LOG_VERSIONS}) WHERE key = 'changes_from'`,
];
const INDEX_COLUMNS = `ord, publisher_id, access_rights, facets, modified, title_sort, min_age, max_age, temporal_start, temporal_end, individuals, quality`;

function values(r: DatasetRecord, createdAt: string) {
  return [
    r.id,
    r.iri,
    r.publisherId,
    r.accessRights,
    r.titleSort,
    r.modified,
    r.minAge,
    r.maxAge,
    r.temporalStart,
    r.temporalEnd,
    r.individuals,
    JSON.stringify(r.facets),
    r.titleText,
    r.keywordsText,
    r.descriptionText,
    JSON.stringify(r.summary),
    JSON.stringify(r.doc),
    r.doc.revision,
    createdAt,
    r.quality,
  ];
}

/** `"2:17,1:5"` -> [5, 17]: the ordinals in the order of their positions. */
export function inPositionOrder(pairs: string): number[] {
  const list = pairs.split(",").map((p) => {
    const i = p.indexOf(":");
    return [Number(p.slice(0, i)), Number(p.slice(i + 1))] as const;
  });
  for (let i = 1; i < list.length; i++) {
    if (list[i]![0] < list[i - 1]![0]) {
      list.sort((a, b) => a[0] - b[0]);
      break;
    }
  }
  return list.map((p) => p[1]);
}

const versionOf = (result: D1Result) => (result.results[0] as { v: string } | undefined)?.v ?? "0:0";

export interface RankedText {
  version: string;
  ords: number[];
  /** summaries of the requested page, when one was asked for */
  page?: { ords: number[]; items: DatasetSummary[] };
}

export interface StoredRef {
  ord: number;
  id: string;
  iri: string;
  publisherId: string;
  revision: number;
}

export class DatasetsRepo {
  constructor(readonly db: D1Database) {}
  /** the revision history, written in the same batches as the datasets (../revisions/repo.ts) */
  get revisions() {
    return new RevisionsRepo(this.db);
  }

  insertStatement(r: DatasetRecord, now: string) {
    return this.db.prepare(INSERT).bind(...values(r, now));
  }
  updateStatement(r: DatasetRecord) {
    const v = values(r, "");
    return this.db.prepare(UPDATE).bind(...v.slice(0, 18), r.quality);
  }
  deleteStatements(ref: StoredRef, now: string) {
    return [
      this.db.prepare(`DELETE FROM datasets WHERE id = ?1`).bind(ref.id),
      this.db
        .prepare(`INSERT OR REPLACE INTO dataset_tombstones (id, iri, deleted_at, publisher_id) VALUES (?1, ?2, ?3, ?4)`)
        .bind(ref.id, ref.iri, now, ref.publisherId),
    ];
  }
  bumpStatement() {
    return this.db.prepare(BUMP);
  }
  clearTombstone(id: string) {
    return this.db.prepare(`DELETE FROM dataset_tombstones WHERE id = ?1`).bind(id);
  }

  /** Runs statements atomically, bumping the catalogue version (and trimming the change log behind it). */
  async commit(statements: D1PreparedStatement[]) {
    try {
      await this.db.batch([...statements, this.bumpStatement(), ...PRUNE_CHANGES.map((sql) => this.db.prepare(sql))]);
    } finally {
      noteChange();
    }
  }

  /** The catalogue version: `epoch:counter`, unique per database and bumped by every change. */
  async version(): Promise<string> {
    const row = await this.db.prepare(VERSION).first<{ v: string }>();
    return row?.v ?? "0:0";
  }

  async count(): Promise<number> {
    return (await this.db.prepare(`SELECT count(*) AS n FROM datasets`).first<{ n: number }>())?.n ?? 0;
  }

  async refById(id: string): Promise<StoredRef | null> {
    return this.db.prepare(`SELECT ord, id, iri, publisher_id AS publisherId, revision FROM datasets WHERE id = ?1`).bind(id).first<StoredRef>();
  }

  async refsByIris(iris: string[]): Promise<StoredRef[]> {
    if (iris.length === 0) return [];
    const { results } = await this.db
      .prepare(`SELECT ord, id, iri, publisher_id AS publisherId, revision FROM datasets WHERE iri IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(iris))
      .all<StoredRef>();
    return results;
  }

  async idsTaken(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { results } = await this.db
      .prepare(`SELECT id FROM datasets WHERE id IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(ids))
      .all<{ id: string }>();
    return new Set(results.map((r) => r.id));
  }

  async getDoc(id: string): Promise<Dataset | null> {
    const row = await this.db.prepare(`SELECT doc FROM datasets WHERE id = ?1`).bind(id).first<{ doc: string }>();
    return row ? (JSON.parse(row.doc) as Dataset) : null;
  }

  /** The summaries of `ords` in that order, with the catalogue version they were read at. */
  async summariesAt(ords: number[]): Promise<{ version: string; items: DatasetSummary[] }> {
    const row = await this.db.prepare(SUMMARIES).bind(JSON.stringify(ords)).first<{ v: string; items: string }>();
    const byOrd = new Map(JSON.parse(row?.items ?? "[]") as [number, DatasetSummary][]);
    return { version: row?.v ?? "0:0", items: ords.map((o) => byOrd.get(o)).filter((s): s is DatasetSummary => !!s) };
  }

  async docsByOrds(ords: number[]): Promise<Dataset[]> {
    if (ords.length === 0) return [];
    const { results } = await this.db
      .prepare(`SELECT ord, doc FROM datasets WHERE ord IN (SELECT value FROM json_each(?1))`)
      .bind(JSON.stringify(ords))
      .all<{ ord: number; doc: string }>();
    const byOrd = new Map(results.map((r) => [r.ord, JSON.parse(r.doc) as Dataset]));
    return ords.map((o) => byOrd.get(o)).filter((s): s is Dataset => !!s);
  }

  /** The documents of `ords` in that order, with the catalogue version they were read at (one batch, one row each). */
  async docsAt(ords: number[]): Promise<{ version: string; docs: Dataset[] }> {
    const [v, rows] = await this.db.batch([
      this.db.prepare(VERSION),
      this.db.prepare(`SELECT ord, doc FROM datasets WHERE ord IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(ords)),
    ]);
    const byOrd = new Map((rows!.results as { ord: number; doc: string }[]).map((r) => [r.ord, JSON.parse(r.doc) as Dataset]));
    return { version: versionOf(v!), docs: ords.map((o) => byOrd.get(o)).filter((d): d is Dataset => !!d) };
  }

  /** Version and index rows read in one batch, so they belong together. */
  async indexRows(): Promise<{ version: string; rows: IndexRow[] }> {
    const [v, rows] = await this.db.batch([this.db.prepare(VERSION), this.db.prepare(`SELECT ${INDEX_COLUMNS} FROM datasets`)]);
    return { version: versionOf(v!), rows: rows!.results as IndexRow[] };
  }

  /**
   * What changed since catalogue version `since`, read in one batch with the version it brings the index to:
   * the changed rows as they are now and the ordinals deleted since. Null when the change log cannot tell (another
   * epoch, or older than the log reaches) or more than `limit` datasets changed: then read everything.
   */
  async indexChanges(since: string, limit: number): Promise<{ version: string; rows: IndexRow[]; deleted: number[] } | null> {
    const at = since.lastIndexOf(":");
    const epoch = since.slice(0, at);
    const counter = Number(since.slice(at + 1));
    if (!Number.isSafeInteger(counter)) return null;
    const [v, from, changed] = await this.db.batch([
      this.db.prepare(VERSION),
      this.db.prepare(`SELECT value FROM catalogue_meta WHERE key = 'changes_from'`),
      this.db
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

  /**
   * FTS5 hits ranked by bm25 with column weights title 10, keywords 4, description 1 (lower is better), with the
   * catalogue version they were read at. Given `page`, also the summaries of the hits set in `page.filter` (a hex
   * bitset, see toHex in search/bitset.ts) from `page.offset`, at most `page.limit`, in rank order, with their ordinals.
   */
  async rankedText(match: string, page?: { filter: string; offset: number; limit: number }): Promise<RankedText> {
    const row = await this.db
      .prepare(RANKED_TEXT)
      .bind(match, page?.filter ?? "", page?.offset ?? 0, page ? page.limit : 0)
      .first<{ v: string; ords: string | null; page: string | null }>();
    // [position, ordinal, summary]; the aggregate's order is not guaranteed, the position is
    const pairs = (JSON.parse(row?.page ?? "[]") as [number, number, DatasetSummary][]).sort((a, b) => a[0] - b[0]);
    const version = row?.v ?? "0:0";
    const ords = row?.ords ? inPositionOrder(row.ords) : [];
    if (!page) return { version, ords };
    return { version, ords, page: { ords: pairs.map((p) => p[1]), items: pairs.map((p) => p[2]) } };
  }

  /**
   * A page of datasets for the DCAT export (oldest ordinal first), optionally only those modified since. Keyset:
   * with `after` the page starts after that ordinal (a seek, whatever the depth); without it, the first ordinal of
   * the page is found by skipping `offset` entries of the narrow index datasets_ord_modified (migration 0010), not
   * rows with their documents. One batch (one snapshot): count, page, and whether a dataset follows.
   */
  async exportPage(opts: {
    offset: number;
    after?: number;
    limit: number;
    modifiedSince?: string;
  }): Promise<{ total: number; docs: Dataset[]; lastOrd?: number }> {
    const since = opts.modifiedSince ?? "";
    const from =
      opts.after !== undefined
        ? this.db.prepare(`SELECT ord, doc FROM datasets WHERE ord > ?3 AND modified >= ?1 ORDER BY ord LIMIT ?2`).bind(since, opts.limit, opts.after)
        : this.db
            .prepare(
              `SELECT ord, doc FROM datasets WHERE modified >= ?1 AND ord >= coalesce((SELECT ord FROM datasets INDEXED BY datasets_ord_modified WHERE modified >= ?1 ORDER BY ord LIMIT 1 OFFSET ?3), 9007199254740991)
               ORDER BY ord LIMIT ?2`,
            )
            .bind(since, opts.limit, opts.offset);
    const [c, rows] = await this.db.batch([this.db.prepare(`SELECT count(*) AS n FROM datasets WHERE modified >= ?1`).bind(since), from]);
    const list = rows!.results as { ord: number; doc: string }[];
    return {
      total: (c!.results[0] as { n: number }).n,
      docs: list.map((r) => JSON.parse(r.doc) as Dataset),
      lastOrd: list.length === opts.limit ? list[list.length - 1]!.ord : undefined,
    };
  }

  async listByPublisher(publisherId: string): Promise<{ id: string; title: string }[]> {
    const { results } = await this.db
      .prepare(`SELECT id, title_sort AS title FROM datasets WHERE publisher_id = ?1 ORDER BY ord`)
      .bind(publisherId)
      .all<{ id: string; title: string }>();
    return results;
  }
}
