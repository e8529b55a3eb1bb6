-- Cross-citizen data of the consent registry (the per-citizen data lives in ConsentShard objects).
CREATE TABLE IF NOT EXISTS schema_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
