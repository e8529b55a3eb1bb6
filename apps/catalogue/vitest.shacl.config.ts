// SHACL conformance tests: run in Node (rdf-validate-shacl, rdf-canonize, jsonld) over the catalogue's pure
// mapping, export and validation modules — the same modules the worker runs.
import { defineConfig } from "vitest/config";

export default defineConfig({
  // *.ttl and *.rdf are text modules, as wrangler.jsonc's `rules` make them in the worker (the bundled shapes)
  plugins: [
    {
      name: "rdf-as-text",
      transform(code, id) {
        return /\.(ttl|rdf)$/.test(id) ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
      },
    },
  ],
  test: {
    include: ["test-shacl/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    // n3's ESM sources use extensionless imports: let vite resolve them.
    server: { deps: { inline: [/n3[\\/]src/] } },
  },
});
