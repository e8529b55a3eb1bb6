import { applyD1Migrations, env } from "cloudflare:test";

// Storage is isolated per test file (the consent worker's too); migrations are idempotent.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.CONSENT_DB, env.CONSENT_MIGRATIONS);
