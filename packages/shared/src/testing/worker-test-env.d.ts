// Bindings the workerd test configs add to a service's Env (see testAuthBindings and readD1Migrations).
import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_ISSUER: string;
      TEST_SIGNING_JWK: string;
    }
  }
}
export {};
