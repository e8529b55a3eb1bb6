-- Regie dataset catalogue (HealthDCAT-AP Release 8).
-- `ord` is the dataset's ordinal: the FTS rowid and the bit position in the search index held in the isolate.
CREATE TABLE IF NOT EXISTS datasets (
  ord INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  iri TEXT NOT NULL UNIQUE,
  publisher_id TEXT NOT NULL,
  access_rights TEXT NOT NULL,
  title_sort TEXT NOT NULL,
  modified TEXT NOT NULL,
  min_age INTEGER,
  max_age INTEGER,
  temporal_start TEXT,
  temporal_end TEXT,
  individuals INTEGER,
  -- facet values: {"theme":[],"healthCategory":[],"keyword":[],"format":[],"language":[],"publisherName":""}
  facets TEXT NOT NULL,
  title_text TEXT NOT NULL,
  keywords_text TEXT NOT NULL,
  description_text TEXT NOT NULL,
  summary TEXT NOT NULL,
  doc TEXT NOT NULL,
  revision INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS datasets_publisher ON datasets (publisher_id);
CREATE INDEX IF NOT EXISTS datasets_modified ON datasets (modified, ord);

-- Full text: title weighted above keywords above description (weights in bm25()). unicode61 with diacritics
-- removed serves Dutch and English; prefix indexes make prefix queries cheap.
CREATE VIRTUAL TABLE IF NOT EXISTS datasets_fts USING fts5(
  title, keywords, description,
  content='datasets', content_rowid='ord',
  tokenize='unicode61 remove_diacritics 2', prefix='3 5 7'
);
CREATE TRIGGER IF NOT EXISTS datasets_ai AFTER INSERT ON datasets BEGIN
  INSERT INTO datasets_fts(rowid, title, keywords, description) VALUES (new.ord, new.title_text, new.keywords_text, new.description_text);
END;
CREATE TRIGGER IF NOT EXISTS datasets_ad AFTER DELETE ON datasets BEGIN
  INSERT INTO datasets_fts(datasets_fts, rowid, title, keywords, description) VALUES ('delete', old.ord, old.title_text, old.keywords_text, old.description_text);
END;
CREATE TRIGGER IF NOT EXISTS datasets_au AFTER UPDATE ON datasets BEGIN
  INSERT INTO datasets_fts(datasets_fts, rowid, title, keywords, description) VALUES ('delete', old.ord, old.title_text, old.keywords_text, old.description_text);
  INSERT INTO datasets_fts(rowid, title, keywords, description) VALUES (new.ord, new.title_text, new.keywords_text, new.description_text);
END;

-- Bumped in the same batch as every change to datasets: isolates rebuild their search index when it moves.
CREATE TABLE IF NOT EXISTS catalogue_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO catalogue_meta (key, value) VALUES ('version', 0);

-- Deleted datasets, so that harvesters asking modified_since learn about them.
CREATE TABLE IF NOT EXISTS dataset_tombstones (id TEXT PRIMARY KEY, iri TEXT NOT NULL, deleted_at TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS access_applications (
  id TEXT PRIMARY KEY,
  researcher TEXT NOT NULL,
  status TEXT NOT NULL,
  doc TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_applications_researcher ON access_applications (researcher, created_at);
CREATE INDEX IF NOT EXISTS access_applications_status ON access_applications (status, created_at);

-- A random epoch per database, so that a version number never means two different catalogues.
INSERT OR IGNORE INTO catalogue_meta (key, value) VALUES ('epoch', abs(random()));
