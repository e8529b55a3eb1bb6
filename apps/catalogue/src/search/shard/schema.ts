/**
 * The SQLite schema of one index shard (a Durable Object). `shard_rows` holds the shard's datasets' index columns
 * (and `dl`, the row's token count in the full-text index, for bm25); `shard_fts` is the full-text index
 * (contentless: the text lives in D1; the tokenizer and prefix indexes are D1's `datasets_fts`, so matching and
 * bm25 inputs are the same); `shard_terms` holds each indexed row's term frequencies (per term, the instances in
 * title × 10 + keywords × 4 + description × 1: the bm25 column weights), written at index time instead of decoding
 * FTS5's instance lists per query; keyed by row first, so that a build (rows by ascending ordinal) appends to it and
 * a row's update or delete finds its terms (and a write's phrase-cache check the terms it now holds).
 * `shard_postings` holds the same rows keyed by term first: a phrase's hits and their frequencies are one range
 * scan of it (prefix <= term <= prefix + U+10FFFF), rows in order, no FTS5 query and no per-hit lookup. Every write
 * transaction (a build page too) adds its rows to both tables (./terms.ts). `shard_packed` holds the long terms'
 * postings as two blobs per term (./packed.ts), read as one value instead of one row per hit.
 * `shard_scratch` (with `shard_scratch_vocab`) is an empty-between-writes FTS5 table with the same tokenizer:
 * the rows of one write transaction are tokenised into it, their terms copied into `shard_terms`, and it is
 * emptied again, so `shard_terms` holds exactly FTS5's own terms.
 *
 * `SHARD_SCHEMA_VERSION` names this layout (kept in shard_meta 'schema'). A shard object created under another
 * layout drops its tables (`SHARD_RESET`) and rebuilds from D1, which stays the record: version 2 added `quality`,
 * version 3 `shard_terms` (and dropped `shard_vocab`, the instance view version 2 read frequencies from), version 4
 * `shard_postings`, version 5 `shard_packed`.
 */
export const SHARD_SCHEMA_VERSION = "5";
export const SHARD_META = `CREATE TABLE IF NOT EXISTS shard_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`;
export const SHARD_RESET = `
DROP TABLE IF EXISTS shard_vocab;
DROP TABLE IF EXISTS shard_scratch_vocab;
DROP TABLE IF EXISTS shard_scratch;
DROP TABLE IF EXISTS shard_terms;
DROP TABLE IF EXISTS shard_postings;
DROP TABLE IF EXISTS shard_packed;
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
CREATE TABLE IF NOT EXISTS shard_terms (
  term TEXT NOT NULL,
  doc INTEGER NOT NULL,
  f REAL NOT NULL,
  PRIMARY KEY (doc, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shard_postings (
  term TEXT NOT NULL,
  doc INTEGER NOT NULL,
  f REAL NOT NULL,
  PRIMARY KEY (term, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shard_packed (
  term TEXT PRIMARY KEY,
  docs BLOB NOT NULL,
  freqs BLOB NOT NULL
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS shard_scratch USING fts5(
  title, keywords, description,
  content='', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS shard_scratch_vocab USING fts5vocab(shard_scratch, instance);
`;
