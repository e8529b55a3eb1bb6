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
          bindings: {
            ...(await testAuthBindings()),
            PSEUDONYM_KEY: "test-pseudonym-key-0123456789abcdef",
            // small, so the whole suite also runs with shard objects dropping citizens from memory
            CHOICE_CACHE_CITIZENS: "16",
            TEST_MIGRATIONS: await readD1Migrations("./migrations"),
          },
        },
      }),
    ],
    test: {
      include: ["test/**/*.test.ts"],
      // a local stand-in for a ZORG-AB `_history` source (test/address-book/sync.happy.test.ts)
      globalSetup: ["./test/address-book/history-server.ts"],
      setupFiles: ["./test/setup.ts", require.resolve("@regie/shared/testing/fast-check-seed")],
      provide: { fastCheckSeed: fastCheckSeed() },
    },
  };
});
