import { defineConfig } from "vitest/config";

// Pure modules: identifiers, problem details, token verification. Runs in Node (WebCrypto).
export default defineConfig({ test: { include: ["test/**/*.test.ts"] } });
