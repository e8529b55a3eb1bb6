import { env } from "cloudflare:test";
import { mintToken } from "@regie/shared/testing/tokens";
import { productionSuite } from "@regie/shared/testing/production-suite";
import { buildApp } from "../src/app";
import { REQUIREMENTS } from "../src/config";
import worker from "../src/index";

productionSuite({
  app: { service: "consent", worker, requirements: REQUIREMENTS, buildApp },
  developmentRoutes: [
    { method: "POST", path: "/dev/seed" },
    { method: "POST", path: "/dev/bulk-choices" },
    { method: "GET", path: "/dev/shard-ping" },
  ],
  // two citizens: the limit counts per verified subject
  limited: {
    path: "/v1/me/choices",
    clientA: async () => ({ authorization: `Bearer ${await mintToken(env, { role: "citizen", bsn: "999990007" })}` }),
    clientB: async () => ({ authorization: `Bearer ${await mintToken(env, { role: "citizen", bsn: "999990019" })}` }),
  },
});
