-- Cross-citizen data, kept in step with the ConsentShard objects through their outbox.

-- EHDS Art. 71 secondary-use opt-out, one row per pseudonym with its current state. changed_at orders deliveries
-- (an older outbox delivery never overwrites a newer state). opted_out_at is the start of the current opt-out:
-- an opt-out applies to permits approved at or after it.
CREATE TABLE IF NOT EXISTS secondary_use_optouts (
  pseudonym TEXT PRIMARY KEY,
  opted_out INTEGER NOT NULL,
  opted_out_at INTEGER,
  opted_in_at INTEGER,
  changed_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS secondary_use_optouts_active ON secondary_use_optouts (opted_out, opted_out_at);

-- Every opt-out / opt-in event (history), idempotent by event id.
CREATE TABLE IF NOT EXISTS secondary_use_events (
  event_id TEXT PRIMARY KEY,
  pseudonym TEXT NOT NULL,
  opt_out INTEGER NOT NULL,
  at INTEGER NOT NULL
);

-- Organisation directory (URA -> name, organisation type).
CREATE TABLE IF NOT EXISTS organisations (
  ura TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  organization_type TEXT NOT NULL
);

-- BRP stand-in: birth dates and parental authority (gezag), by pseudonym only.
CREATE TABLE IF NOT EXISTS brp_persons (
  pseudonym TEXT PRIMARY KEY,
  name TEXT,
  birth_date TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS brp_guardians (
  guardian TEXT NOT NULL,
  child TEXT NOT NULL,
  PRIMARY KEY (guardian, child)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS brp_guardians_child ON brp_guardians (child);

-- Notifications for subscribed providers ("the consent of a patient you hold data about changed").
CREATE TABLE IF NOT EXISTS provider_notifications (
  id TEXT PRIMARY KEY,
  ura TEXT NOT NULL,
  subscription_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS provider_notifications_ura ON provider_notifications (ura, created_at);
