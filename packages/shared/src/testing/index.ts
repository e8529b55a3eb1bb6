/**
 * Test helpers shared by the apps' test suites: `import { ... } from "@regie/shared/testing"`.
 * Environment-neutral only (runs in workerd and Node). The vitest-config side (issuer keys, the fast-check seed
 * provider), the setup file and the reusable suites have their own entries: `@regie/shared/testing/issuer`,
 * `@regie/shared/testing/fast-check-seed-config`, `@regie/shared/testing/fast-check-seed`,
 * `@regie/shared/testing/foundation-suite`, `@regie/shared/testing/production-suite`.
 */
export * from "./tokens";
export * from "./openapi";
export * from "./hostile-input";
export * from "./openapi-compat";
export * from "./address-book";
