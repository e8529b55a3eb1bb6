-- Which datasets changed at which catalogue version, so that an isolate brings its in-memory search index up to
-- date by reading only the rows changed since its version instead of the whole catalogue.
-- Written by triggers, so in the same transaction as the change itself. `counter` is the catalogue version counter
-- before the change's batch bumps it: an index at version N holds every change with counter < N.
-- DatasetsRepo.commit keeps the log for the last 128 versions and moves 'changes_from' along; an index older than
-- 'changes_from' (or from another epoch) is rebuilt from scratch.
CREATE TABLE IF NOT EXISTS dataset_changes (counter INTEGER NOT NULL, ord INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dataset_changes_counter ON dataset_changes (counter, ord);

CREATE TRIGGER IF NOT EXISTS datasets_changes_ai AFTER INSERT ON datasets BEGIN
  INSERT INTO dataset_changes (counter, ord) VALUES ((SELECT value FROM catalogue_meta WHERE key = 'version'), new.ord);
END;
CREATE TRIGGER IF NOT EXISTS datasets_changes_au AFTER UPDATE ON datasets BEGIN
  INSERT INTO dataset_changes (counter, ord) VALUES ((SELECT value FROM catalogue_meta WHERE key = 'version'), old.ord);
  INSERT INTO dataset_changes (counter, ord) SELECT (SELECT value FROM catalogue_meta WHERE key = 'version'), new.ord WHERE new.ord <> old.ord;
END;
CREATE TRIGGER IF NOT EXISTS datasets_changes_ad AFTER DELETE ON datasets BEGIN
  INSERT INTO dataset_changes (counter, ord) VALUES ((SELECT value FROM catalogue_meta WHERE key = 'version'), old.ord);
END;

-- The log is complete from this counter on (changes before this migration were never logged).
INSERT OR IGNORE INTO catalogue_meta (key, value) SELECT 'changes_from', value FROM catalogue_meta WHERE key = 'version';
