import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("@regie/shared/testing/vitest-workerd", import.meta.url)) as typeof import("@regie/shared/testing/vitest-workerd");

export default defineConfig(async () =>
  (await load()).workerdSuite({
    environment: "dev",
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/setup.ts"],
    migrations: "./migrations",
    // The consent service is not part of this worker's tests yet: calls to it fail like an outage would.
    serviceBindings: { CONSENT: () => new Response("consent service unavailable in this test", { status: 503 }) },
  }),
);
