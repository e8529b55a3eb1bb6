-- Withdrawn datasets are listed to harvesters (catalog.ttl?modified_since=… as activity-streams deletions, CKAN
-- package_search with a metadata_modified range as state "deleted"): they need the publisher (CKAN's organization
-- filter) and an index on the time of deletion. Rows written before this migration have no publisher.
ALTER TABLE dataset_tombstones ADD COLUMN publisher_id TEXT;
CREATE INDEX IF NOT EXISTS dataset_tombstones_deleted ON dataset_tombstones (deleted_at, id);
