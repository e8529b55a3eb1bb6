import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { fastCheckSeed } from "../../packages/shared/src/testing/fast-check-seed-config";
import { generateEs256Jwk } from "../../packages/shared/src/auth/dev-issuer";
import { catalogueStub } from "./test/stubs/catalogue";
import { consentStub } from "./test/stubs/consent";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc", environment: "dev" },
      miniflare: {
        // Test doubles that check requests against the shared contracts (see test/stubs); e2e/ runs the real services.
        serviceBindings: { CONSENT: consentStub, CATALOGUE: catalogueStub },
        bindings: { DEV_ISSUER_PRIVATE_JWK: JSON.stringify((await generateEs256Jwk("dev-test")).privateJwk) },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    setupFiles: ["../../packages/shared/src/testing/fast-check-seed.ts"],
    provide: { fastCheckSeed: fastCheckSeed() },
  },
}));
