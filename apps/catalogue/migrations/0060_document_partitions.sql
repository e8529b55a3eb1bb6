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
