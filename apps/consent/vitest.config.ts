import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { fastCheckSeed } from "../../packages/shared/src/testing/fast-check-seed-config";
import { testAuthBindings } from "../../packages/shared/src/testing/issuer";

export default defineConfig(async () => ({
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
    setupFiles: ["./test/setup.ts", "../../packages/shared/src/testing/fast-check-seed.ts"],
    provide: { fastCheckSeed: fastCheckSeed() },
  },
}));
