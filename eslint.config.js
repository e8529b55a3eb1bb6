import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Every TypeScript file of the monorepo, with the tsconfig that types it (type-aware rules need the types).
const TYPED_PROJECTS = [
  "apps/consent/tsconfig.json",
  "apps/catalogue/tsconfig.json",
  "apps/catalogue/test-shacl/tsconfig.json",
  "apps/portal/tsconfig.json",
  "apps/portal/tsconfig.e2e.json",
  "packages/shared/tsconfig.json",
  "scripts/tsconfig.json",
  "bench/tsconfig.json",
  "bench/harvest-isolate/tsconfig.json",
];
const TYPED_FILES = [
  "apps/*/src/**/*.{ts,tsx}",
  "apps/*/test/**/*.{ts,tsx}",
  "apps/*/test-production/**/*.ts",
  "apps/catalogue/test-shacl/**/*.ts",
  "apps/portal/e2e/**/*.ts",
  "packages/shared/src/**/*.ts",
  "packages/shared/test/**/*.ts",
  "scripts/**/*.ts",
  "bench/**/*.ts",
];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.wrangler/**", "**/public/vendor/**", "**/worker-configuration.d.ts", "**/dist/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly",
        process: "readonly",
        fetch: "readonly",
        crypto: "readonly",
        URL: "readonly",
        Response: "readonly",
        Request: "readonly",
        Headers: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        Buffer: "readonly",
        AbortSignal: "readonly",
        structuredClone: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-console": "off",
      // one package reaches another through its name (package.json "exports"), never by a relative path
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+((apps|packages)/|(consent|catalogue|portal|shared)/(src|test)/)",
              message: "Import another package by its name (@regie/<package>/<module>), not by a relative path.",
            },
          ],
        },
      ],
    },
  },
  {
    // type-aware: a promise nobody awaits (a Durable Object call, an RPC, a D1 batch) is a bug
    files: TYPED_FILES,
    languageOptions: { parserOptions: { project: TYPED_PROJECTS, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/require-await": "off",
    },
  },
);
