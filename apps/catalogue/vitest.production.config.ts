// The production suite (@regie/shared/testing/vitest-workerd `productionConfig`): the worker as deployed, with only
// the secrets an operator would `wrangler secret put`.
import { tsImport } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("@regie/shared/testing/vitest-workerd", import.meta.url)) as typeof import("@regie/shared/testing/vitest-workerd");

export default defineConfig(async () => {
  const { productionConfig, unavailableService } = await load();
  return productionConfig({
    setupFiles: ["./test-production/setup.ts"],
    migrations: "./migrations",
    // rdfxml-streaming-parser (RDF/XML input) and its readable-stream, bundled as `wrangler deploy` bundles them
    bundleDeps: ["rdfxml-streaming-parser"],
    // as wrangler.jsonc's `alias`: readable-stream's `process/` is workerd's node:process (src/rdf/node-process.ts)
    alias: { "process/": fileURLToPath(new URL("./src/rdf/node-process.ts", import.meta.url)) },
    // the consent worker is not part of this run
    serviceBindings: { CONSENT: unavailableService("consent service") },
  });
});
