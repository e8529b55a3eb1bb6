import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";
import { startSourceServer } from "./test/sources/server";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("./test/workerd-suite.ts", import.meta.url)) as typeof import("./test/workerd-suite");

export default defineConfig(async () => {
  // harvest sources for test/harvest-sources.*.test.ts, on loopback (allowed in development only)
  const { url, server } = await startSourceServer();
  server.unref();
  return (await load()).catalogueSuite({
    include: ["test/**/*.test.ts"],
    // the index shards read D1 under a value limit of 100 kB (production: 2,000,000 bytes) and in pages of 50 rows,
    // so that every test shows their reads do not grow with the catalogue; they pack a term's postings from 3 rows
    // (production: 64), so that the small test catalogues read packed terms as well as rows
    bindings: { SEARCH_MAX_VALUE_BYTES: "100000", SEARCH_FEED_PAGE: "50", SEARCH_PACK_MIN: "3", TEST_SOURCE_URL: url },
  });
});
