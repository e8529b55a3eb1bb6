import { tsImport } from "tsx/esm/api";
import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const shared = async <T>(path: string) => (await tsImport(`@regie/shared/${path}`, import.meta.url)) as T;

export default defineConfig(async () => {
  const { workerdSuite } = await shared<typeof import("@regie/shared/testing/vitest-workerd")>("testing/vitest-workerd");
  const { serviceWorkerOptions, d1DatabaseId, workerVars } = await shared<typeof import("@regie/shared/testing/service-workers")>("testing/service-workers");
  const { generateEs256Jwk } = await shared<typeof import("@regie/shared/auth/dev-issuer")>("auth/dev-issuer");
  const { SERVICES_OUT } = (await tsImport("./test/services/paths.ts", import.meta.url)) as typeof import("./test/services/paths");
  const { startHarvestSource } = (await tsImport("./test/services/harvest-source.ts", import.meta.url)) as typeof import("./test/services/harvest-source");

  // The development issuer's key for this run: the portal signs with it, the real services trust its public half
  // (as scripts/dev-env.ts wires `npm start`), so every forwarded token is verified by the service that gets it.
  const issuerKey = await generateEs256Jwk("dev-test");
  const trusted = JSON.stringify([{ issuer: workerVars(".").ISSUER, jwks: { keys: [issuerKey.publicJwk] } }]);
  const pseudonymKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  // The real consent and catalogue workers, built once per run by test/services/build.ts (globalSetup).
  // a local harvest source for the publisher pages (test/services/harvest-source.ts), reached by the real catalogue
  const { url: harvestSourceUrl, server } = await startHarvestSource();
  server.unref();
  const consent = serviceWorkerOptions({ appDir: "../consent", outRoot: SERVICES_OUT, secrets: { TRUSTED_ISSUERS: trusted, PSEUDONYM_KEY: pseudonymKey } });
  const catalogue = serviceWorkerOptions({ appDir: "../catalogue", outRoot: SERVICES_OUT, secrets: { TRUSTED_ISSUERS: trusted } });

  return workerdSuite({
    environment: "dev",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    auth: false,
    globalSetup: ["./test/services/build.ts"],
    setupFiles: ["./test/setup.ts"],
    workers: [consent, catalogue],
    serviceBindings: { CONSENT: consent.name!, CATALOGUE: catalogue.name! },
    // the services' own D1 databases, bound here only so that test/setup.ts applies their migrations
    d1Databases: { CONSENT_DB: d1DatabaseId(consent), CATALOGUE_DB: d1DatabaseId(catalogue) },
    bindings: {
      DEV_ISSUER_PRIVATE_JWK: JSON.stringify(issuerKey.privateJwk),
      // the consent service's pseudonym key, so a test can register a family in its BRP stand-in (test/services/consent.ts)
      PSEUDONYM_KEY: pseudonymKey,
      TEST_SOURCE_URL: harvestSourceUrl,
      CONSENT_MIGRATIONS: await readD1Migrations("../consent/migrations"),
      CATALOGUE_MIGRATIONS: await readD1Migrations("../catalogue/migrations"),
    },
  });
});
