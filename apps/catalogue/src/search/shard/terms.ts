/**
 * Writes `shard_terms` (./schema.ts): each indexed row's term frequencies, weighted per column as bm25 weighs them
 * (title 10, keywords 4, description 1). The rows of one write transaction are tokenised by FTS5 itself into the
 * empty `shard_scratch` table; `flush()`, still inside the transaction, copies their terms from its instance view
 * and empties it again. A row written twice in one transaction flushes the first write before the second.
 * `shard_postings` (the same rows by term first, ./schema.ts) follows in the same flush, the transaction's rows in
 * term order. Not one sorted insert at the end of a build: SQLite may sort in memory (a 125,000-row shard's 6.7
 * million rows took 427 MB with temp_store=MEMORY); a transaction's rows (a build page: ≈ 2,000 rows) take ≈ 7 MB.
 * Every term whose postings a transaction changes loses its packed copy in `shard_packed` in the same transaction
 * (./packed.ts: a packed copy always equals its term's rows).
 */

export class TermWriter {
  private readonly pending = new Set<number>();

  constructor(private readonly sql: SqlStorage) {}

  /** Queues a row's text; `fresh` when shard_terms is known not to hold the row (a build into empty tables). */
  add(ord: number, title: string, keywords: string, description: string, fresh: boolean) {
    if (this.pending.has(ord)) this.flush();
    if (!fresh) this.drop(ord);
    this.sql.exec(`INSERT INTO shard_scratch (rowid, title, keywords, description) VALUES (?, ?, ?, ?)`, ord, title, keywords, description);
    this.pending.add(ord);
  }

  /** Takes a row's terms out. */
  remove(ord: number) {
    if (this.pending.has(ord)) this.flush();
    this.drop(ord);
  }

  /** A row's terms out of both tables (its postings found through its terms: one key each), their packed copies void. */
  private drop(ord: number) {
    this.sql.exec(`DELETE FROM shard_packed WHERE term IN (SELECT term FROM shard_terms WHERE doc = ?)`, ord);
    this.sql.exec(`DELETE FROM shard_postings WHERE doc = ?1 AND term IN (SELECT term FROM shard_terms WHERE doc = ?1)`, ord);
    this.sql.exec(`DELETE FROM shard_terms WHERE doc = ?`, ord);
  }

  /** Copies the queued rows' terms into shard_terms (call inside the transaction that queued them). */
  flush() {
    if (this.pending.size === 0) return;
    this.sql.exec(
      `INSERT INTO shard_terms (term, doc, f)
       SELECT term, doc, sum(CASE col WHEN 'title' THEN 10.0 WHEN 'keywords' THEN 4.0 ELSE 1.0 END)
       FROM shard_scratch_vocab GROUP BY doc, term ORDER BY doc, term`,
    );
    const docs = JSON.stringify([...this.pending]);
    this.sql.exec(
      `INSERT INTO shard_postings (term, doc, f) SELECT term, doc, f FROM shard_terms WHERE doc IN (SELECT value FROM json_each(?)) ORDER BY term, doc`,
      docs,
    );
    // a term that gained a row no longer equals its packed copy (./packed.ts)
    this.sql.exec(`DELETE FROM shard_packed WHERE term IN (SELECT term FROM shard_terms WHERE doc IN (SELECT value FROM json_each(?)))`, docs);
    this.sql.exec(`INSERT INTO shard_scratch (shard_scratch) VALUES ('delete-all')`);
    this.pending.clear();
  }

  /** After a transaction rolled back: what was queued is gone with it. */
  forget() {
    this.pending.clear();
  }
}
