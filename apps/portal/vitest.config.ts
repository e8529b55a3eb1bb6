import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("@regie/shared/testing/vitest-workerd", import.meta.url)) as typeof import("@regie/shared/testing/vitest-workerd");

export default defineConfig(async () => {
  const { generateEs256Jwk } = (await tsImport("@regie/shared/auth/dev-issuer", import.meta.url)) as typeof import("@regie/shared/auth/dev-issuer");
  // the doubles import the shared contracts by package name, so they load through tsx as well
  const { consentStub } = (await tsImport("./test/stubs/consent.ts", import.meta.url)) as typeof import("./test/stubs/consent");
  const { catalogueStub } = (await tsImport("./test/stubs/catalogue.ts", import.meta.url)) as typeof import("./test/stubs/catalogue");
  return (await load()).workerdSuite({
    environment: "dev",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    auth: false,
    // Test doubles that check requests against the shared contracts (see test/stubs); e2e/ runs the real services.
    serviceBindings: { CONSENT: consentStub, CATALOGUE: catalogueStub },
    bindings: { DEV_ISSUER_PRIVATE_JWK: JSON.stringify((await generateEs256Jwk("dev-test")).privateJwk) },
  });
});
