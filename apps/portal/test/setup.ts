import { applyD1Migrations, env } from "cloudflare:test";

// Each test file has its own miniflare, so fresh storage in the real services; their D1 migrations are applied here
// (through the same databases, bound to the runner by id in vitest.config.ts). Idempotent.
await applyD1Migrations(env.CONSENT_DB, env.CONSENT_MIGRATIONS);
await applyD1Migrations(env.CATALOGUE_DB, env.CATALOGUE_MIGRATIONS);
