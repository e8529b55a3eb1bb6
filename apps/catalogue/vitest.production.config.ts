// The production suite: the worker under the TOP-LEVEL wrangler.jsonc (what `wrangler deploy` ships), with only
// the secrets an operator would `wrangler secret put`. Everything else in test/ runs the `dev` environment.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
export default defineConfig(async () => {
  const { testAuthBindings } = (await tsImport("@regie/shared/testing/issuer", import.meta.url)) as typeof import("@regie/shared/testing/issuer");
  return {
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
  };
});
