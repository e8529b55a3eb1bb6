/**
 * D1 storage of datasets. Every change bumps the catalogue version in the same batch (atomic). The documents and
 * summaries live in the document partitions (./docs/: written by commitWithDocuments, read through the directory);
 * callers see datasets, not where their documents are.
 */
import type { Dataset, DatasetSummary } from "@regie/shared/contracts/catalogue";
import type { DatasetRecord } from "../datasets/record";
import type { IndexRow } from "../search/search-index";
import { noteChange } from "../search/version-cache";
import { readThrough, REF_JOIN, refColumns, type DocRef } from "./docs/reader";
import type { DocumentStore } from "./docs/store";
import { commitWithDocuments, type PendingDoc } from "./docs/writer";
import { RevisionsRepo } from "../revisions/repo";
import { rankedText, type RankedText } from "./ranked-text";

export { inPositionOrder, type RankedText } from "./ranked-text";

const INSERT = `INSERT INTO datasets (id, iri, publisher_id, access_rights, title_sort, modified, min_age, max_age, temporal_start, temporal_end, individuals, facets, title_text, keywords_text, description_text, summary, doc, revision, created_at, quality, series)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)`;
const UPDATE = `UPDATE datasets SET iri = ?2, publisher_id = ?3, access_rights = ?4, title_sort = ?5, modified = ?6, min_age = ?7, max_age = ?8,
temporal_start = ?9, temporal_end = ?10, individuals = ?11, facets = ?12, title_text = ?13, keywords_text = ?14, description_text = ?15,
summary = ?16, doc = ?17, revision = ?18, quality = ?19, series = ?20 WHERE id = ?1`;
const VERSION = `SELECT (SELECT value FROM catalogue_meta WHERE key = 'epoch') || ':' || (SELECT value FROM catalogue_meta WHERE key = 'version') AS v`;
const byOrds = (field: "doc" | "summary") => `SELECT ${refColumns(field)} FROM ${REF_JOIN} WHERE d.ord IN (SELECT value FROM json_each(?1))`;
const BUMP = `UPDATE catalogue_meta SET value = value + 1 WHERE key = 'version'`;
/** Versions of dataset changes kept in dataset_changes (migration 0003) for isolates to catch up from. */
export const CHANGE_LOG_VERSIONS = 128;
const PRUNE_CHANGES = [
  `DELETE FROM dataset_changes WHERE counter < (SELECT value FROM catalogue_meta WHERE key = 'version') - ${CHANGE_LOG_VERSIONS}`,
  `UPDATE catalogue_meta SET value = max(value, (SELECT value FROM catalogue_meta WHERE key = 'version') - ${CHANGE_LOG_VERSIONS}) WHERE key = 'changes_from'`,
];
const INDEX_COLUMNS = `ord, publisher_id, access_rights, facets, modified, title_sort, min_age, max_age, temporal_start, temporal_end, individuals, quality`;

/**
 * What the series membership triggers (migrations 0045, 0060) and the member list read of a dataset in dcat:inSeries:
 * the series, dct:issued, dcat:version and the title (the document itself is in a partition); NULL for the others.
 */
function seriesOf(doc: Dataset): string | null {
  if (!doc.inSeries?.length) return null;
  return JSON.stringify({ inSeries: doc.inSeries, issued: doc.issued ?? null, version: doc.version ?? null, title: doc.title });
}

/** The row's columns; doc and summary stay empty: they go to a document partition. */
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
    "",
    "",
    r.doc.revision,
    createdAt,
    r.quality,
    seriesOf(r.doc),
  ];
}

const versionOf = (result: D1Result) => (result.results[0] as { v: string } | undefined)?.v ?? "0:0";

export interface StoredRef {
  ord: number;
  id: string;
  iri: string;
  publisherId: string;
  revision: number;
}

export class DatasetsRepo {
  /** the document writes that go with statements this repository made (commit looks them up) */
  private readonly pending = new WeakMap<D1PreparedStatement, PendingDoc>();
  constructor(
    readonly db: D1Database,
    readonly docs: DocumentStore,
  ) {}
  /** the revision history, written in the same batches as the datasets (../revisions/repo.ts) */
  get revisions() {
    return new RevisionsRepo(this.db);
  }

  private withDoc(statement: D1PreparedStatement, r: DatasetRecord) {
    this.pending.set(statement, { kind: "put", id: r.id, doc: JSON.stringify(r.doc), summary: JSON.stringify(r.summary) });
    return statement;
  }
  insertStatement(r: DatasetRecord, now: string) {
    return this.withDoc(this.db.prepare(INSERT).bind(...values(r, now)), r);
  }
  updateStatement(r: DatasetRecord) {
    const v = values(r, "");
    return this.withDoc(this.db.prepare(UPDATE).bind(...v.slice(0, 18), r.quality, v[20]), r);
  }
  deleteStatements(ref: StoredRef, now: string) {
    const remove = this.db.prepare(`DELETE FROM datasets WHERE id = ?1`).bind(ref.id);
    this.pending.set(remove, { kind: "delete", id: ref.id });
    return [
      remove,
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
    const pending = statements.map((s) => this.pending.get(s)).filter((p): p is PendingDoc => !!p);
    try {
      await commitWithDocuments(this.db, this.docs, pending, statements, [this.bumpStatement(), ...PRUNE_CHANGES.map((sql) => this.db.prepare(sql))]);
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
    const read = async () => {
      const ref = await this.db
        .prepare(`SELECT ${refColumns("doc")} FROM ${REF_JOIN} WHERE d.id = ?1`)
        .bind(id)
        .first<DocRef>();
      return { refs: ref ? [ref] : [] };
    };
    const { bodies } = await readThrough(this.docs, "doc", read);
    return bodies[0] ? (JSON.parse(bodies[0]) as Dataset) : null;
  }

  /** The directory refs of `ords` with the catalogue version, read in one batch, and their field's JSON in `ords`' order. */
  private async atVersion(ords: number[], field: "doc" | "summary"): Promise<{ version: string; bodies: string[] }> {
    const read = async () => {
      const [v, rows] = await this.db.batch([this.db.prepare(VERSION), this.db.prepare(byOrds(field)).bind(JSON.stringify(ords))]);
      const byOrd = new Map((rows!.results as DocRef[]).map((r) => [r.ord, r]));
      return { version: versionOf(v!), refs: ords.map((o) => byOrd.get(o)).filter((r): r is DocRef => !!r) };
    };
    return ords.length ? readThrough(this.docs, field, read) : { version: await this.version(), bodies: [] };
  }

  /** The summaries of `ords` in that order, with the catalogue version they were read at. */
  async summariesAt(ords: number[]): Promise<{ version: string; items: DatasetSummary[] }> {
    const { version, bodies } = await this.atVersion(ords, "summary");
    return { version, items: bodies.map((b) => JSON.parse(b) as DatasetSummary) };
  }

  /** The documents of `ords` in that order, with the catalogue version they were read at. */
  async docsAt(ords: number[]): Promise<{ version: string; docs: Dataset[] }> {
    const { version, bodies } = await this.atVersion(ords, "doc");
    return { version, docs: bodies.map((b) => JSON.parse(b) as Dataset) };
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
   * catalogue version they were read at; given `page`, also one page of them with their summaries (./ranked-text.ts).
   */
  async rankedText(match: string, page?: { filter: string; offset: number; limit: number }): Promise<RankedText> {
    return rankedText(this.db, match, page, (ords) => this.summariesAt(ords));
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
        ? this.db
            .prepare(`SELECT ${refColumns("doc")} FROM ${REF_JOIN} WHERE d.ord > ?3 AND d.modified >= ?1 ORDER BY d.ord LIMIT ?2`)
            .bind(since, opts.limit, opts.after)
        : this.db
            .prepare(
              `SELECT ${refColumns("doc")} FROM ${REF_JOIN} WHERE d.modified >= ?1
               AND d.ord >= coalesce((SELECT ord FROM datasets INDEXED BY datasets_ord_modified WHERE modified >= ?1 ORDER BY ord LIMIT 1 OFFSET ?3), 9007199254740991)
               ORDER BY d.ord LIMIT ?2`,
            )
            .bind(since, opts.limit, opts.offset);
    const read = async () => {
      const [c, rows] = await this.db.batch([this.db.prepare(`SELECT count(*) AS n FROM datasets WHERE modified >= ?1`).bind(since), from]);
      return { total: (c!.results[0] as { n: number }).n, refs: rows!.results as DocRef[] };
    };
    const { total, refs, bodies } = await readThrough(this.docs, "doc", read);
    return { total, docs: bodies.map((b) => JSON.parse(b) as Dataset), lastOrd: refs.length === opts.limit ? refs[refs.length - 1]!.ord : undefined };
  }

  async listByPublisher(publisherId: string): Promise<{ id: string; title: string }[]> {
    const { results } = await this.db
      .prepare(`SELECT id, title_sort AS title FROM datasets WHERE publisher_id = ?1 ORDER BY ord`)
      .bind(publisherId)
      .all<{ id: string; title: string }>();
    return results;
  }
}
