import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { fastCheckSeed } from "../../packages/shared/src/testing/fast-check-seed-config";
import { testAuthBindings } from "../../packages/shared/src/testing/issuer";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc", environment: "dev" },
      miniflare: {
        // The consent service is not part of this worker's tests yet: calls to it fail like an outage would.
        serviceBindings: { CONSENT: () => new Response("consent service unavailable in this test", { status: 503 }) },
        bindings: {
          ...(await testAuthBindings()),
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts", "../../packages/shared/src/testing/fast-check-seed.ts"],
    provide: { fastCheckSeed: fastCheckSeed() },
  },
}));
