// The production suite: the worker under the TOP-LEVEL wrangler.jsonc (what `wrangler deploy` ships), with only
// the secrets an operator would `wrangler secret put`. Everything else in test/ runs the `dev` environment.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { testAuthBindings } from "../../packages/shared/src/testing/issuer";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        // the consent worker is not part of this run
        serviceBindings: { CONSENT: () => new Response("consent service unavailable in this test", { status: 503 }) },
        bindings: {
          ...(await testAuthBindings()),
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
        },
      },
    }),
  ],
  test: { include: ["test-production/**/*.test.ts"], setupFiles: ["./test/setup.ts"] },
}));
