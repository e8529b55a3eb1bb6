// The production suite (@regie/shared/testing/vitest-workerd `productionConfig`): the portal as deployed, with what
// an operator adds: the SESSION_SECRET secret and the OIDC / public URL vars (README "Deploying"). The services
// behind the portal are not part of this run.
import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("@regie/shared/testing/vitest-workerd", import.meta.url)) as typeof import("@regie/shared/testing/vitest-workerd");

export default defineConfig(async () => {
  const { productionConfig, unavailableService } = await load();
  return productionConfig({
    auth: false,
    serviceBindings: { CONSENT: unavailableService("service"), CATALOGUE: unavailableService("service") },
    bindings: {
      SESSION_SECRET: "production-suite-session-secret-0123456789abcdef",
      CONSENT_PUBLIC_URL: "https://consent.regie.test",
      CATALOGUE_PUBLIC_URL: "https://catalogue.regie.test",
      OIDC_ISSUER: "https://broker.regie.test",
      OIDC_AUTHORIZATION_ENDPOINT: "https://broker.regie.test/authorize",
      OIDC_TOKEN_ENDPOINT: "https://broker.regie.test/token",
      OIDC_JWKS_URI: "https://broker.regie.test/jwks",
      OIDC_CLIENT_ID: "regie-portal",
      OIDC_REDIRECT_URI: "https://portal.regie.test/inloggen/oidc/callback",
    },
  });
});
