import { tsImport } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { startSourceServer } from "./test/sources/server";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("@regie/shared/testing/vitest-workerd", import.meta.url)) as typeof import("@regie/shared/testing/vitest-workerd");

export default defineConfig(async () => {
  // harvest sources for test/harvest-sources.happy.test.ts, on loopback (allowed in development only)
  const { url, server } = await startSourceServer();
  server.unref();
  return (await load()).workerdSuite({
    environment: "dev",
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    migrations: "./migrations",
    // rdfxml-streaming-parser (RDF/XML input) and its readable-stream, bundled as `wrangler deploy` bundles them
    bundleDeps: ["rdfxml-streaming-parser"],
    // as wrangler.jsonc's `alias`: readable-stream's `process/` is workerd's node:process (src/rdf/node-process.ts)
    alias: { "process/": fileURLToPath(new URL("./src/rdf/node-process.ts", import.meta.url)) },
    // The consent service is not part of this worker's tests yet: calls to it fail like an outage would.
    serviceBindings: { CONSENT: () => new Response("consent service unavailable in this test", { status: 503 }) },
    // the index shards read D1 under a value limit of 100 kB (production: 2,000,000 bytes) and in pages of 50 rows,
    // so that every test shows their reads do not grow with the catalogue
    bindings: { SEARCH_MAX_VALUE_BYTES: "100000", SEARCH_FEED_PAGE: "50", TEST_SOURCE_URL: url },
  });
});
