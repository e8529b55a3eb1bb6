-- Settings fixed for the life of this store, recorded on first use and never changed afterwards.
-- shard_count: SHARD_COUNT decides which ConsentShard object (shard-N) holds a citizen; a worker started with another
-- value would look for most citizens in the wrong object, so it refuses every shard operation (src/storage/shard-count.ts).
CREATE TABLE IF NOT EXISTS deployment_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
