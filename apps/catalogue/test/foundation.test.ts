import { env, SELF } from "cloudflare:test";
import { foundationSuite } from "@regie/shared/testing/foundation-suite";

foundationSuite({
  service: "catalogue",
  origin: "http://catalogue.test",
  fetch: (input, init) => SELF.fetch(input, init),
  env,
  claims: { role: "publisher", publisherId: "umcu" },
});
