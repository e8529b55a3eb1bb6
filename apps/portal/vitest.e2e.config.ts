import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * End-to-end tests: Debian's Chromium (playwright-core) against the three workers started by
 * scripts/stack.ts on the first free ports from 18787 (see e2e/global-setup.ts). Run with `npm test` in this app.
 */
export default defineConfig({
  // `@scripts/stack` in e2e/global-setup.ts is the repository's scripts/stack.ts (also a path in tsconfig.e2e.json)
  resolve: { alias: { "@scripts": fileURLToPath(new URL("../../scripts", import.meta.url)) } },
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    environment: "node",
    globalSetup: ["./e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One stack and one browser at a time: the flows share the seeded data and 2 CPU cores.
    fileParallelism: false,
  },
});
