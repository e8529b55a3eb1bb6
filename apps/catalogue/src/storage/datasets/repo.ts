/**
 * D1 storage of datasets. Every change bumps the catalogue version in the same batch (atomic). The documents and
 * summaries live in the document partitions (../docs/: written by commitWithDocuments, read through the directory);
 * callers see datasets, not where their documents are. One module per job in this folder: the row (row.ts), the
 * version (version.ts), references (refs.ts), documents (documents.ts), the index rows (index-rows.ts), the export
 * (export-page.ts); this class holds them together with the document writes its statements carry.
 */
import type { Dataset, DatasetSummary } from "@regie/shared/contracts/catalogue";
import type { DatasetRecord } from "../../datasets/record";
import type { IndexRow } from "../../search/search-index";
import { noteChange } from "../../search/version-cache";
import type { DocumentStore } from "../docs/store";
import { commitWithDocuments, type PendingDoc } from "../docs/writer";
import { RevisionsRepo } from "../../revisions/repo";
import { rankedText, type RankedText } from "../ranked-text";
import { bodiesAtVersion, readDoc } from "./documents";
import { exportPage, type ExportPageOptions } from "./export-page";
import { indexChanges, indexRows } from "./index-rows";
import { idsTaken, refById, refsByIris, type StoredRef } from "./refs";
import { INSERT_ROW, insertValues, UPDATE_ROW, updateValues } from "./row";
import { BUMP, PRUNE_CHANGES, readVersion } from "./version";

export class DatasetsRepo {
  /** the document writes that go with statements this repository made (commit looks them up) */
  private readonly pending = new WeakMap<D1PreparedStatement, PendingDoc>();
  constructor(
    readonly db: D1Database,
    readonly docs: DocumentStore,
  ) {}
  /** the revision history, written in the same batches as the datasets (../../revisions/repo.ts) */
  get revisions() {
    return new RevisionsRepo(this.db);
  }

  private withDoc(statement: D1PreparedStatement, r: DatasetRecord) {
    this.pending.set(statement, { kind: "put", id: r.id, doc: JSON.stringify(r.doc), summary: JSON.stringify(r.summary) });
    return statement;
  }
  insertStatement(r: DatasetRecord, now: string) {
    return this.withDoc(this.db.prepare(INSERT_ROW).bind(...insertValues(r, now)), r);
  }
  updateStatement(r: DatasetRecord) {
    return this.withDoc(this.db.prepare(UPDATE_ROW).bind(...updateValues(r)), r);
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
  version(): Promise<string> {
    return readVersion(this.db);
  }

  async count(): Promise<number> {
    return (await this.db.prepare(`SELECT count(*) AS n FROM datasets`).first<{ n: number }>())?.n ?? 0;
  }

  refById(id: string): Promise<StoredRef | null> {
    return refById(this.db, id);
  }
  refsByIris(iris: string[]): Promise<StoredRef[]> {
    return refsByIris(this.db, iris);
  }
  idsTaken(ids: string[]): Promise<Set<string>> {
    return idsTaken(this.db, ids);
  }

  getDoc(id: string): Promise<Dataset | null> {
    return readDoc(this.db, this.docs, id);
  }

  /** The summaries of `ords` in that order, with the catalogue version they were read at. */
  async summariesAt(ords: number[]): Promise<{ version: string; items: DatasetSummary[] }> {
    const { version, bodies } = await bodiesAtVersion(this.db, this.docs, ords, "summary");
    return { version, items: bodies.map((b) => JSON.parse(b) as DatasetSummary) };
  }

  /** The documents of `ords` in that order, with the catalogue version they were read at. */
  async docsAt(ords: number[]): Promise<{ version: string; docs: Dataset[] }> {
    const { version, bodies } = await bodiesAtVersion(this.db, this.docs, ords, "doc");
    return { version, docs: bodies.map((b) => JSON.parse(b) as Dataset) };
  }

  /** Version and index rows read in one batch, so they belong together. */
  indexRows(): Promise<{ version: string; rows: IndexRow[] }> {
    return indexRows(this.db);
  }

  /** What changed since catalogue version `since` (./index-rows.ts); null when the change log cannot tell. */
  indexChanges(since: string, limit: number): Promise<{ version: string; rows: IndexRow[]; deleted: number[] } | null> {
    return indexChanges(this.db, since, limit);
  }

  /**
   * FTS5 hits ranked by bm25 with column weights title 10, keywords 4, description 1 (lower is better), with the
   * catalogue version they were read at; given `page`, also one page of them with their summaries (../ranked-text.ts).
   */
  async rankedText(match: string, page?: { filter: string; offset: number; limit: number }): Promise<RankedText> {
    return rankedText(this.db, match, page, (ords) => this.summariesAt(ords));
  }

  /** A page of datasets for the DCAT export (./export-page.ts). */
  exportPage(opts: ExportPageOptions): Promise<{ total: number; docs: Dataset[]; lastOrd?: number }> {
    return exportPage(this.db, this.docs, opts);
  }

  async listByPublisher(publisherId: string): Promise<{ id: string; title: string }[]> {
    const { results } = await this.db
      .prepare(`SELECT id, title_sort AS title FROM datasets WHERE publisher_id = ?1 ORDER BY ord`)
      .bind(publisherId)
      .all<{ id: string; title: string }>();
    return results;
  }
}
