// The document partitions under small limits (docs/catalogue.md "Beyond one D1 database"): the dev worker with
// DOC_PARTITION_CAPACITY 3 over its four partitions (12 datasets in all), so a test's few datasets spread over
// several partitions and the full case is reachable, and HARVEST_INVOCATION_DATASETS 2, so a small pushed
// document continues over several queue messages. Everything else runs in vitest.config.ts.
import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("./test/workerd-suite.ts", import.meta.url)) as typeof import("./test/workerd-suite");

export default defineConfig(async () =>
  (await load()).catalogueSuite({
    include: ["test-partitions/**/*.test.ts"],
    bindings: { DOC_PARTITION_CAPACITY: "3", HARVEST_INVOCATION_DATASETS: "2", SEARCH_FEED_PAGE: "50" },
  }),
);
