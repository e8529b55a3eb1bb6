-- Subscriptions across shards, for a provider's own list (GET /v1/subscriptions, GET /fhir/Subscription) and for the
-- push consumer (is this subscription still on? its last error). Fed from each shard's outbox (the shard's
-- `subscriptions` table stays the source of truth for who is notified); the queue consumer writes the delivery state.
-- `citizen` is the BSN's pseudonym; `patient_sealed` the BSN sealed with AES-GCM (src/push/sealed.ts), opened only to
-- show the subscriber its own criteria and to build its notification. A removed subscription stays as status 'off'
-- (a tombstone, so a late outbox delivery cannot bring it back).
CREATE TABLE IF NOT EXISTS provider_subscriptions (
  id TEXT PRIMARY KEY,
  ura TEXT NOT NULL,
  organization_type TEXT NOT NULL,
  citizen TEXT NOT NULL,
  patient_sealed TEXT,
  data_categories TEXT NOT NULL,
  endpoint TEXT,
  header_names TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  last_error TEXT,
  last_error_at INTEGER,
  last_delivered_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS provider_subscriptions_ura ON provider_subscriptions (ura, status, id);
