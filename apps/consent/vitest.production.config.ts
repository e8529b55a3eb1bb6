// The production suite (@regie/shared/testing/vitest-workerd `productionConfig`): the worker as deployed, with only
// the secrets an operator would `wrangler secret put`.
import { tsImport } from "tsx/esm/api";
import { defineConfig } from "vitest/config";

// Vite's config loader hands every package import to Node, which cannot load the shared package's TypeScript; tsx can.
const load = async () => (await tsImport("@regie/shared/testing/vitest-workerd", import.meta.url)) as typeof import("@regie/shared/testing/vitest-workerd");

export default defineConfig(async () =>
  (await load()).productionConfig({
    setupFiles: ["./test/setup.ts"],
    migrations: "./migrations",
    bindings: { PSEUDONYM_KEY: "production-suite-pseudonym-key-0123456789abcdef" },
  }),
);
