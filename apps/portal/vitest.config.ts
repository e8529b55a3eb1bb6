import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { generateEs256Jwk } from "../../packages/shared/src/auth/dev-issuer";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        serviceBindings: {
          CONSENT: () => new Response("consent service unavailable in this test", { status: 503 }),
          CATALOGUE: () => new Response("catalogue service unavailable in this test", { status: 503 }),
        },
        bindings: { DEV_ISSUER_PRIVATE_JWK: JSON.stringify((await generateEs256Jwk("dev-test")).privateJwk) },
      },
    }),
  ],
  test: { include: ["test/**/*.test.ts"] },
}));
