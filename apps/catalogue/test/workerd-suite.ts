/// <reference types="node" />
/**
 * Node side: the one shape of the catalogue's development workerd suites (vitest.config.ts and
 * vitest.partitions.config.ts): the dev worker with rdfxml-streaming-parser bundled as `wrangler deploy` bundles it,
 * and the real consent worker behind CONSENT (an auxiliary worker, built once per run by test/services/build.ts) that
 * trusts the same per-run test issuer as the catalogue, so a forwarded HDAB token is verified by the consent service.
 *
 * Loaded by the configs through tsx, because Vite's config loader cannot load the shared package's TypeScript.
 */
import { fileURLToPath } from "node:url";
import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { testAuthBindings } from "@regie/shared/testing/issuer";
import { d1DatabaseId, serviceWorkerOptions } from "@regie/shared/testing/service-workers";
import { workerdSuite } from "@regie/shared/testing/vitest-workerd";
import { SERVICES_OUT } from "./services/paths";

export interface CatalogueSuite {
  /** Test files, relative to the app. */
  include: string[];
  /** The variables this suite sets for the catalogue (limits made small so that the tests reach them). */
  bindings: Record<string, string>;
}

export async function catalogueSuite({ include, bindings }: CatalogueSuite) {
  const auth = await testAuthBindings();
  const pseudonymKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  const consent = serviceWorkerOptions({
    appDir: "../consent",
    outRoot: SERVICES_OUT,
    secrets: { TRUSTED_ISSUERS: auth.TRUSTED_ISSUERS!, PSEUDONYM_KEY: pseudonymKey },
  });
  return workerdSuite({
    environment: "dev",
    include,
    // the catalogue signs its test tokens with the per-run test issuer; the consent worker trusts the same key
    auth: false,
    globalSetup: ["./test/services/build.ts"],
    setupFiles: ["./test/setup.ts"],
    migrations: "./migrations",
    // rdfxml-streaming-parser (RDF/XML input) and its readable-stream, bundled as `wrangler deploy` bundles them
    bundleDeps: ["rdfxml-streaming-parser"],
    // as wrangler.jsonc's `alias`: readable-stream's `process/` is workerd's node:process (src/rdf/node-process.ts)
    alias: { "process/": fileURLToPath(new URL("../src/rdf/node-process.ts", import.meta.url)) },
    workers: [consent],
    serviceBindings: { CONSENT: consent.name! },
    // the consent worker's own D1 database, bound here only so that test/setup.ts applies its migrations
    d1Databases: { CONSENT_DB: d1DatabaseId(consent) },
    bindings: { ...auth, CONSENT_MIGRATIONS: await readD1Migrations("../consent/migrations"), ...bindings },
  });
}
