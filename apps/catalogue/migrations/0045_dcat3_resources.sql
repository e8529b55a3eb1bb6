-- DCAT-AP 3 classes beside datasets (issue 14): dcat:DataService and dcat:DatasetSeries, each a JSON document
-- owned by a publisher account (like datasets). `ord` orders the JSON lists and the catalogue export (keyset).
CREATE TABLE IF NOT EXISTS data_services (
  ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, iri TEXT NOT NULL UNIQUE, publisher_id TEXT NOT NULL,
  modified TEXT NOT NULL, revision INTEGER NOT NULL, doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS data_services_modified ON data_services (modified, ord);

CREATE TABLE IF NOT EXISTS dataset_series (
  ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, iri TEXT NOT NULL UNIQUE, publisher_id TEXT NOT NULL,
  modified TEXT NOT NULL, revision INTEGER NOT NULL, doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dataset_series_modified ON dataset_series (modified, ord);

-- Which datasets name which series in dcat:inSeries, with the keys a series lists its members by (dct:issued,
-- dcat:version). Written by triggers on datasets, so every write path (API, harvest, pulled sources, withdrawal)
-- keeps it in the same transaction.
CREATE TABLE IF NOT EXISTS dataset_series_members (
  series_iri TEXT NOT NULL,
  dataset_ord INTEGER NOT NULL,
  issued TEXT,
  version TEXT,
  PRIMARY KEY (series_iri, dataset_ord)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dataset_series_members_dataset ON dataset_series_members (dataset_ord);

CREATE TRIGGER IF NOT EXISTS datasets_series_ai AFTER INSERT ON datasets BEGIN
  INSERT OR IGNORE INTO dataset_series_members (series_iri, dataset_ord, issued, version)
    SELECT value, new.ord, json_extract(new.doc, '$.issued'), json_extract(new.doc, '$.version') FROM json_each(new.doc, '$.inSeries');
END;
CREATE TRIGGER IF NOT EXISTS datasets_series_au AFTER UPDATE OF doc ON datasets BEGIN
  DELETE FROM dataset_series_members WHERE dataset_ord = old.ord;
  INSERT OR IGNORE INTO dataset_series_members (series_iri, dataset_ord, issued, version)
    SELECT value, new.ord, json_extract(new.doc, '$.issued'), json_extract(new.doc, '$.version') FROM json_each(new.doc, '$.inSeries');
END;
CREATE TRIGGER IF NOT EXISTS datasets_series_ad AFTER DELETE ON datasets BEGIN
  DELETE FROM dataset_series_members WHERE dataset_ord = old.ord;
END;

-- The revision history of every dataset's metadata: one row per change (published, updated, withdrawn), with the
-- JSON document after the change (NULL for a withdrawal). `n` is the dataset's revision number after the change.
-- Kept: the newest 50 per dataset (RevisionsRepo prunes in the same batch); a document is at most 1,000,000 bytes,
-- half of D1's 2,000,000-byte value limit. Rows outlive the dataset, so a withdrawn dataset keeps its history.
CREATE TABLE IF NOT EXISTS dataset_revisions (
  dataset_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  via TEXT NOT NULL,
  publisher_id TEXT NOT NULL,
  source_id TEXT,
  doc TEXT,
  PRIMARY KEY (dataset_id, n)
);
-- History starts here: each existing dataset's current document is its first kept revision (via 'migration').
INSERT OR IGNORE INTO dataset_revisions (dataset_id, n, at, action, via, publisher_id, source_id, doc)
  SELECT id, revision, modified, CASE WHEN revision = 1 THEN 'published' ELSE 'updated' END, 'migration', publisher_id, NULL, doc FROM datasets;
