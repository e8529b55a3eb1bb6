/** One page of the DCAT export, read through the directory from the document partitions. */
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { readThrough, REF_JOIN, refColumns, type DocRef } from "../docs/reader";
import type { DocumentStore } from "../docs/store";

export interface ExportPageOptions {
  offset: number;
  after?: number;
  limit: number;
  modifiedSince?: string;
}

/**
 * A page of datasets for the DCAT export (oldest ordinal first), optionally only those modified since. Keyset:
 * with `after` the page starts after that ordinal (a seek, whatever the depth); without it, the first ordinal of
 * the page is found by skipping `offset` entries of the narrow index datasets_ord_modified (migration 0010), not
 * rows with their documents. One batch (one snapshot): count, page, and whether a dataset follows.
 */
export async function exportPage(db: D1Database, docs: DocumentStore, opts: ExportPageOptions): Promise<{ total: number; docs: Dataset[]; lastOrd?: number }> {
  const since = opts.modifiedSince ?? "";
  const from =
    opts.after !== undefined
      ? db
          .prepare(`SELECT ${refColumns("doc")} FROM ${REF_JOIN} WHERE d.ord > ?3 AND d.modified >= ?1 ORDER BY d.ord LIMIT ?2`)
          .bind(since, opts.limit, opts.after)
      : db
          .prepare(
            `SELECT ${refColumns("doc")} FROM ${REF_JOIN} WHERE d.modified >= ?1
               AND d.ord >= coalesce((SELECT ord FROM datasets INDEXED BY datasets_ord_modified WHERE modified >= ?1 ORDER BY ord LIMIT 1 OFFSET ?3), 9007199254740991)
               ORDER BY d.ord LIMIT ?2`,
          )
          .bind(since, opts.limit, opts.offset);
  const read = async () => {
    const [c, rows] = await db.batch([db.prepare(`SELECT count(*) AS n FROM datasets WHERE modified >= ?1`).bind(since), from]);
    return { total: (c!.results[0] as { n: number }).n, refs: rows!.results as DocRef[] };
  };
  const { total, refs, bodies } = await readThrough(docs, "doc", read);
  return { total, docs: bodies.map((b) => JSON.parse(b) as Dataset), lastOrd: refs.length === opts.limit ? refs[refs.length - 1]!.ord : undefined };
}
