/**
 * The SQLite schema of one index shard (a Durable Object). `shard_rows` holds the shard's datasets' index columns
 * (and `dl`, the row's token count in the full-text index, for bm25); `shard_fts` is the full-text index
 * (contentless: the text lives in D1; the tokenizer and prefix indexes are D1's `datasets_fts`, so matching and
 * bm25 inputs are the same); `shard_vocab` exposes its term instances, from which the shard reads each hit's term
 * frequencies per column to compute bm25 with catalogue-wide statistics.
 *
 * `SHARD_SCHEMA_VERSION` names this layout (kept in shard_meta 'schema'). A shard object created under another
 * layout drops its tables (`SHARD_RESET`) and rebuilds from D1, which stays the record: version 2 added `quality`.
 */
export const SHARD_SCHEMA_VERSION = "2";
export const SHARD_META = `CREATE TABLE IF NOT EXISTS shard_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`;
export const SHARD_RESET = `
DROP TABLE IF EXISTS shard_vocab;
DROP TABLE IF EXISTS shard_fts;
DROP TABLE IF EXISTS shard_rows;
DELETE FROM shard_meta WHERE key IN ('version', 'build_of');
`;
export const SHARD_SCHEMA = `
CREATE TABLE IF NOT EXISTS shard_rows (
  ord INTEGER PRIMARY KEY,
  dl INTEGER NOT NULL,
  publisher_id TEXT NOT NULL,
  access_rights TEXT NOT NULL,
  facets TEXT NOT NULL,
  modified TEXT NOT NULL,
  title_sort TEXT NOT NULL,
  min_age INTEGER,
  max_age INTEGER,
  temporal_start TEXT,
  temporal_end TEXT,
  individuals INTEGER,
  quality INTEGER
);
CREATE VIRTUAL TABLE IF NOT EXISTS shard_fts USING fts5(
  title, keywords, description,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2', prefix='3 5 7'
);
CREATE VIRTUAL TABLE IF NOT EXISTS shard_vocab USING fts5vocab(shard_fts, instance);
`;
