import { defineConfig } from "vitest/config";

/**
 * End-to-end tests: Debian's Chromium (playwright-core) against the three workers started by
 * scripts/stack.mjs on ports 38787-38789 (see e2e/global-setup.ts). Run with `npm test` in this app.
 */
export default defineConfig({
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
