import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.wrangler/**", "**/public/vendor/**", "**/worker-configuration.d.ts", "**/dist/**", "bench/results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly", process: "readonly", fetch: "readonly", crypto: "readonly", URL: "readonly",
        Response: "readonly", Request: "readonly", Headers: "readonly", setTimeout: "readonly", clearTimeout: "readonly",
        TextEncoder: "readonly", TextDecoder: "readonly", Buffer: "readonly", AbortSignal: "readonly", structuredClone: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-console": "off",
    },
  },
);
