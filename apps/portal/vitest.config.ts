import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { createRequire } from "node:module";
import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";
import { catalogueStub } from "./test/stubs/catalogue";
import { consentStub } from "./test/stubs/consent";

const require = createRequire(import.meta.url);

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
export default defineConfig(async () => {
  const { fastCheckSeed } = (await tsImport("@regie/shared/testing/fast-check-seed-config", import.meta.url)) as typeof import("@regie/shared/testing/fast-check-seed-config");
  const { generateEs256Jwk } = (await tsImport("@regie/shared/auth/dev-issuer", import.meta.url)) as typeof import("@regie/shared/auth/dev-issuer");
  return {
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
      setupFiles: [require.resolve("@regie/shared/testing/fast-check-seed")],
      provide: { fastCheckSeed: fastCheckSeed() },
    },
  };
});
