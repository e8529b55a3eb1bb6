import { env, SELF } from "cloudflare:test";
import { foundationSuite } from "@regie/shared/testing/foundation-suite";

foundationSuite({
  service: "consent",
  origin: "http://consent.test",
  fetch: (input, init) => SELF.fetch(input, init),
  env,
  claims: { role: "provider", ura: "87654321", organizationType: "Z3" },
});
