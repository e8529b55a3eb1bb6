-- Beyond one D1 database (docs/catalogue.md "Beyond one D1 database"): a dataset's JSON-LD document and search
-- summary (≈ 4.3 kB of the ≈ 6.8 kB a dataset takes here) move to document partitions, further D1 databases bound
-- as DOCS_0 … DOCS_{n-1}. This database keeps what the catalogue queries and this directory: which partition holds
-- a dataset's document and under which write token (a random id per written revision; the partition's row key).
-- A dataset without a directory row still has its document in datasets.doc / datasets.summary (rows written
-- before this migration); the backfill (src/storage/docs/backfill.ts) moves them, resumably, page by page.
CREATE TABLE IF NOT EXISTS dataset_parts (
  id TEXT PRIMARY KEY,
  part INTEGER NOT NULL,
  token TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dataset_parts_token ON dataset_parts (token);

-- Documents per partition, kept by triggers in the same transaction as the directory, so that placing a new
-- dataset reads one small table instead of counting the directory.
CREATE TABLE IF NOT EXISTS doc_partitions (part INTEGER PRIMARY KEY, docs INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS dataset_parts_ai AFTER INSERT ON dataset_parts BEGIN
  INSERT INTO doc_partitions (part, docs) VALUES (new.part, 1) ON CONFLICT(part) DO UPDATE SET docs = docs + 1;
END;
CREATE TRIGGER IF NOT EXISTS dataset_parts_ad AFTER DELETE ON dataset_parts BEGIN
  UPDATE doc_partitions SET docs = docs - 1 WHERE part = old.part;
END;
CREATE TRIGGER IF NOT EXISTS dataset_parts_au AFTER UPDATE OF part ON dataset_parts WHEN new.part <> old.part BEGIN
  UPDATE doc_partitions SET docs = docs - 1 WHERE part = old.part;
  INSERT INTO doc_partitions (part, docs) VALUES (new.part, 1) ON CONFLICT(part) DO UPDATE SET docs = docs + 1;
END;
-- A deleted dataset leaves the directory with its row (its document is removed from the partition afterwards).
CREATE TRIGGER IF NOT EXISTS datasets_parts_ad AFTER DELETE ON datasets BEGIN
  DELETE FROM dataset_parts WHERE id = old.id;
END;

-- Where the backfill and the orphan sweep continue (one row per job: 'backfill' an ordinal, 'sweep:<part>' a token).
CREATE TABLE IF NOT EXISTS doc_cursors (name TEXT PRIMARY KEY, after TEXT NOT NULL);

-- Series membership (migration 0045) read new.doc, which a dataset written through the partitions leaves empty:
-- the row keeps what the triggers and the member list need in `series` (JSON {inSeries, issued, version, title};
-- NULL when the dataset names no series), and the triggers read that instead.
ALTER TABLE datasets ADD COLUMN series TEXT;
UPDATE datasets SET series = json_object('inSeries', json_extract(doc, '$.inSeries'), 'issued', json_extract(doc, '$.issued'),
  'version', json_extract(doc, '$.version'), 'title', json_extract(doc, '$.title'))
  WHERE doc <> '' AND json_array_length(doc, '$.inSeries') > 0;
DROP TRIGGER IF EXISTS datasets_series_ai;
DROP TRIGGER IF EXISTS datasets_series_au;
CREATE TRIGGER IF NOT EXISTS datasets_series_ai AFTER INSERT ON datasets BEGIN
  INSERT OR IGNORE INTO dataset_series_members (series_iri, dataset_ord, issued, version) SELECT value, new.ord,
    json_extract(new.series, '$.issued'), json_extract(new.series, '$.version') FROM json_each(new.series, '$.inSeries');
END;
CREATE TRIGGER IF NOT EXISTS datasets_series_au AFTER UPDATE OF series ON datasets BEGIN
  DELETE FROM dataset_series_members WHERE dataset_ord = old.ord;
  INSERT OR IGNORE INTO dataset_series_members (series_iri, dataset_ord, issued, version) SELECT value, new.ord,
    json_extract(new.series, '$.issued'), json_extract(new.series, '$.version') FROM json_each(new.series, '$.inSeries');
END;
