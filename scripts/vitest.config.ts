// Operations tools (scripts/backup.ts, scripts/restore.ts) tested in Node against real local D1 (wrangler).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The work happens in wrangler child processes: the two files run side by side even on 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
