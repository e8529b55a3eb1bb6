-- A pushed harvest document (POST /v1/harvest) with more datasets than one invocation writes: its body waits in
-- R2 (HARVEST_DOCS, key harvest/<id>) while queue messages process it one chunk at a time (src/harvest-push/).
-- `prefix` is the blank-node prefix of the parse, the same in every invocation, so every chunk sees one graph.
CREATE TABLE IF NOT EXISTS harvest_push_jobs (
  id TEXT PRIMARY KEY,
  publisher_id TEXT NOT NULL,
  status TEXT NOT NULL,
  media_type TEXT NOT NULL,
  prefix TEXT NOT NULL,
  total INTEGER NOT NULL,
  processed INTEGER NOT NULL DEFAULT 0,
  added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  error TEXT
);
-- One row per processed dataset, written in the same D1 batch as the dataset itself. The key makes a chunk that
-- runs twice (a redelivered message) fail as a whole instead of writing its datasets again.
CREATE TABLE IF NOT EXISTS harvest_push_items (
  job_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  iri TEXT NOT NULL,
  outcome TEXT NOT NULL,
  dataset_id TEXT,
  -- {"violations":[...],"warnings":[...]}
  detail TEXT NOT NULL,
  PRIMARY KEY (job_id, position)
);
