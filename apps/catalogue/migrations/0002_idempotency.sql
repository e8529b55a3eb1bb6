-- Idempotency keys for POSTs that create things: one row per (operation, caller, key).
-- status 0 = the first request is still being handled; otherwise the stored 2xx answer is replayed.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  id TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT,
  location TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at);
