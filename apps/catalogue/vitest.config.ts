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
