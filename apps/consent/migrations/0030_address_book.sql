-- The provider address book (ZORG-AB / IHE mCSD style), an extension of the organisation directory of 0002.
-- One row per organisation holds everything about it (name, type, place, endpoints), so one statement writes an
-- organisation completely or not at all. Closed organisations stay (active = 0) so old choices and log entries
-- still read right.
ALTER TABLE organisations ADD COLUMN category TEXT NOT NULL DEFAULT 'overig';
ALTER TABLE organisations ADD COLUMN place TEXT;
ALTER TABLE organisations ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
-- JSON array of endpoints (FHIR base, notification endpoint), each with its own id
ALTER TABLE organisations ADD COLUMN endpoints TEXT NOT NULL DEFAULT '[]';
-- folded (lower case, no diacritics, words separated by one space) copies the search index is built from
ALTER TABLE organisations ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN search_place TEXT NOT NULL DEFAULT '';
-- SHA-256 over the organisation's canonical content: an unchanged load writes nothing
ALTER TABLE organisations ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
-- the Organization's id at the source it was loaded from (a `_history` DELETE names only that id)
ALTER TABLE organisations ADD COLUMN source_id TEXT;

CREATE INDEX IF NOT EXISTS organisations_type ON organisations (organization_type, search_name);
CREATE INDEX IF NOT EXISTS organisations_category ON organisations (category, search_name);
CREATE INDEX IF NOT EXISTS organisations_source_id ON organisations (source_id);
CREATE INDEX IF NOT EXISTS organisations_place ON organisations (search_place, search_name);

-- Full-text index over the folded name and place, with prefix indexes of 2, 3 and 4 characters so that a prefix
-- term reads only its own index range. External content: the rows live in organisations, the triggers keep the
-- index in step (writes use UPSERT, never INSERT OR REPLACE, whose implicit delete fires no trigger).
CREATE VIRTUAL TABLE IF NOT EXISTS organisations_fts USING fts5(
  search_name, search_place,
  content = 'organisations', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
);
CREATE TRIGGER IF NOT EXISTS organisations_fts_insert AFTER INSERT ON organisations BEGIN
  INSERT INTO organisations_fts (rowid, search_name, search_place) VALUES (new.rowid, new.search_name, new.search_place);
END;
CREATE TRIGGER IF NOT EXISTS organisations_fts_delete AFTER DELETE ON organisations BEGIN
  INSERT INTO organisations_fts (organisations_fts, rowid, search_name, search_place) VALUES ('delete', old.rowid, old.search_name, old.search_place);
END;
CREATE TRIGGER IF NOT EXISTS organisations_fts_update AFTER UPDATE OF search_name, search_place ON organisations BEGIN
  INSERT INTO organisations_fts (organisations_fts, rowid, search_name, search_place) VALUES ('delete', old.rowid, old.search_name, old.search_place);
  INSERT INTO organisations_fts (rowid, search_name, search_place) VALUES (new.rowid, new.search_name, new.search_place);
END;

-- Where the scheduled sync stands: the source, the last `_since` it asked for, the last run's report or error.
CREATE TABLE IF NOT EXISTS address_book_sync (
  source TEXT PRIMARY KEY,
  last_since TEXT,
  last_run_at INTEGER,
  last_report TEXT,
  last_error TEXT
);
