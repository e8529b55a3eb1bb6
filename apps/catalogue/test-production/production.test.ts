import { env } from "cloudflare:test";
import { mintToken } from "@regie/shared/testing/tokens";
import { productionSuite } from "@regie/shared/testing/production-suite";
import { buildApp } from "../src/app";
import { REQUIREMENTS } from "../src/config";
import worker from "../src/index";

productionSuite({
  app: { service: "catalogue", worker, requirements: REQUIREMENTS, buildApp },
  developmentRoutes: [{ method: "POST", path: "/dev/seed" }],
  // two publishers: the limit counts per verified subject
  limited: {
    path: "/v1/auth/whoami",
    clientA: async () => ({ authorization: `Bearer ${await mintToken(env, { role: "publisher", publisherId: "rivm" })}` }),
    clientB: async () => ({ authorization: `Bearer ${await mintToken(env, { role: "publisher", publisherId: "umcu" })}` }),
  },
});
