import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("@regie/shared/testing/vitest-workerd", import.meta.url)) as typeof import("@regie/shared/testing/vitest-workerd");

export default defineConfig(async () =>
  (await load()).workerdSuite({
    environment: "dev",
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    // a local stand-in for a ZORG-AB `_history` source (test/address-book/sync.happy.test.ts)
    globalSetup: ["./test/address-book/history-server.ts"],
    migrations: "./migrations",
    bindings: {
      PSEUDONYM_KEY: "test-pseudonym-key-0123456789abcdef",
      // small, so the whole suite also runs with shard objects dropping citizens from memory
      CHOICE_CACHE_CITIZENS: "16",
    },
  }),
);
