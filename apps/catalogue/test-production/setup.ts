import { applyD1Migrations, env } from "cloudflare:test";

// The production suite runs without the consent worker (test/setup.ts also migrates its D1): only the catalogue's own.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
