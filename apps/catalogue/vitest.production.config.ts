// The production suite: the worker under the TOP-LEVEL wrangler.jsonc (what `wrangler deploy` ships), with only
// the secrets an operator would `wrangler secret put`. Everything else in test/ runs the `dev` environment.
import { tsImport } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("@regie/shared/testing/vitest-workerd", import.meta.url)) as typeof import("@regie/shared/testing/vitest-workerd");

export default defineConfig(async () =>
  (await load()).workerdSuite({
    include: ["test-production/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    migrations: "./migrations",
    // rdfxml-streaming-parser (RDF/XML input) and its readable-stream, bundled as `wrangler deploy` bundles them
    bundleDeps: ["rdfxml-streaming-parser"],
    // as wrangler.jsonc's `alias`: readable-stream's `process/` is workerd's node:process (src/rdf/node-process.ts)
    alias: { "process/": fileURLToPath(new URL("./src/rdf/node-process.ts", import.meta.url)) },
    // the consent worker is not part of this run
    serviceBindings: { CONSENT: () => new Response("consent service unavailable in this test", { status: 503 }) },
  }),
);
