-- Harvest sources Regie pulls (POST /v1/harvest-sources), their jobs, and which datasets came from which source.
CREATE TABLE IF NOT EXISTS harvest_sources (
  id TEXT PRIMARY KEY,
  publisher_id TEXT NOT NULL,
  url TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT,
  interval_minutes INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  next_run_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS harvest_sources_publisher ON harvest_sources (publisher_id, created_at);
CREATE INDEX IF NOT EXISTS harvest_sources_due ON harvest_sources (next_run_at);

-- One run of a source. `cursor` is where the next step continues (a DCAT page URL, or a CKAN start offset);
-- `lease_until` keeps two invocations from stepping the same job at once. `rejections` is a JSON array.
CREATE TABLE IF NOT EXISTS harvest_jobs (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  cursor TEXT,
  phase TEXT NOT NULL DEFAULT 'fetch',
  lease_until TEXT,
  pages INTEGER NOT NULL DEFAULT 0,
  added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  rejections TEXT NOT NULL DEFAULT '[]',
  error TEXT
);
CREATE INDEX IF NOT EXISTS harvest_jobs_source ON harvest_jobs (source_id, started_at);
CREATE INDEX IF NOT EXISTS harvest_jobs_running ON harvest_jobs (status);

-- The dataset IRIs a job has seen at its source so far (for withdrawing what vanished when it completes).
CREATE TABLE IF NOT EXISTS harvest_job_seen (job_id TEXT NOT NULL, iri TEXT NOT NULL, PRIMARY KEY (job_id, iri));

-- Which datasets a source brought in: only these are withdrawn when they vanish from it.
CREATE TABLE IF NOT EXISTS harvested_datasets (source_id TEXT NOT NULL, iri TEXT NOT NULL, dataset_id TEXT NOT NULL, PRIMARY KEY (source_id, iri));
