-- The metadata quality score (MQA points, 0–405; src/quality) of each dataset, kept for the quality sort of the
-- search (index shards read it with the other index columns). NULL for rows written before this migration until
-- the scheduled backfill (src/quality/backfill.ts) scores them.
ALTER TABLE datasets ADD COLUMN quality INTEGER;
CREATE INDEX IF NOT EXISTS datasets_quality_pending ON datasets (ord) WHERE quality IS NULL;
