import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { createRequire } from "node:module";
import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
export default defineConfig(async () => {
  const { fastCheckSeed } = (await tsImport("@regie/shared/testing/fast-check-seed-config", import.meta.url)) as typeof import("@regie/shared/testing/fast-check-seed-config");
  const { testAuthBindings } = (await tsImport("@regie/shared/testing/issuer", import.meta.url)) as typeof import("@regie/shared/testing/issuer");
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.jsonc", environment: "dev" },
        miniflare: {
          // The consent service is not part of this worker's tests yet: calls to it fail like an outage would.
          serviceBindings: { CONSENT: () => new Response("consent service unavailable in this test", { status: 503 }) },
          bindings: {
            ...(await testAuthBindings()),
            TEST_MIGRATIONS: await readD1Migrations("./migrations"),
            // the index shards read D1 under a value limit of 100 kB (production: 2,000,000 bytes) and in pages
            // of 50 rows, so that every test shows their reads do not grow with the catalogue
            SEARCH_MAX_VALUE_BYTES: "100000",
            SEARCH_FEED_PAGE: "50",
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      setupFiles: ["./test/setup.ts", require.resolve("@regie/shared/testing/fast-check-seed")],
      provide: { fastCheckSeed: fastCheckSeed() },
    },
  };
});
