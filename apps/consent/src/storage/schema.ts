/** SQLite schema of one ConsentShard (created on first use; statements are idempotent). */
export const SHARD_SCHEMA = `
CREATE TABLE IF NOT EXISTS choices (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  citizen TEXT NOT NULL,
  holder_kind TEXT NOT NULL,
  holder_value TEXT NOT NULL,
  requester_kind TEXT NOT NULL,
  requester_value TEXT NOT NULL,
  data_category TEXT NOT NULL,
  decision TEXT NOT NULL,
  valid_until INTEGER,
  status TEXT NOT NULL,
  temporary INTEGER NOT NULL DEFAULT 0,
  recorded_role TEXT NOT NULL,
  recorded_ura TEXT,
  recorded_org_type TEXT,
  channel TEXT NOT NULL,
  change TEXT NOT NULL,
  note TEXT,
  created_at INTEGER NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (id, version)
);
CREATE INDEX IF NOT EXISTS choices_citizen ON choices (citizen, seq);
CREATE TABLE IF NOT EXISTS pending_confirmations (
  choice_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  citizen TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (choice_id)
);
CREATE TABLE IF NOT EXISTS subscriptions (
  id TEXT PRIMARY KEY,
  citizen TEXT NOT NULL,
  ura TEXT NOT NULL,
  organization_type TEXT NOT NULL,
  data_categories TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (citizen, ura)
);
CREATE TABLE IF NOT EXISTS notifications (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  citizen TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  choice_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS notifications_citizen ON notifications (citizen, seq);
CREATE TABLE IF NOT EXISTS access_log (
  -- no AUTOINCREMENT (one write less per consent check): log rows are never deleted from the end, so seq only grows
  seq INTEGER PRIMARY KEY,
  citizen TEXT NOT NULL,
  event_id TEXT NOT NULL,
  action TEXT NOT NULL,
  at TEXT NOT NULL,
  outcome TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  actor_ura TEXT,
  actor_org_type TEXT,
  actor_uzi_role TEXT,
  holder_ura TEXT,
  purpose TEXT,
  data_categories TEXT NOT NULL,
  emergency INTEGER NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_citizen ON access_log (citizen, seq);
CREATE TABLE IF NOT EXISTS citizen_state (
  citizen TEXT PRIMARY KEY,
  opt_out INTEGER NOT NULL DEFAULT 0,
  opt_changed_at INTEGER,
  seeded INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);
-- settings recorded on this object's first use: its number and the shard count that placed its citizens (./shard-count.ts)
CREATE TABLE IF NOT EXISTS shard_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
