// Bindings vitest.config.ts adds to the portal's Env in its workerd tests: the real services' D1 databases (bound by
// their ids, so test/setup.ts can apply the services' migrations), those migrations and the local harvest source.
import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      CONSENT_DB: D1Database;
      CATALOGUE_DB: D1Database;
      CONSENT_MIGRATIONS: D1Migration[];
      CATALOGUE_MIGRATIONS: D1Migration[];
      PSEUDONYM_KEY: string;
      /** the local harvest source (test/services/harvest-source.ts) */
      TEST_SOURCE_URL: string;
    }
  }
}
export {};
