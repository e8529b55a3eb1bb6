// Bindings the catalogue's workerd suites add for the real consent worker (test/workerd-suite.ts).
import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      /** The consent worker's D1 database, bound by its id so that test/setup.ts applies its migrations. */
      CONSENT_DB: D1Database;
      CONSENT_MIGRATIONS: D1Migration[];
    }
  }
}
export {};
