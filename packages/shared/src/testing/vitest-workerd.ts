/// <reference types="node" />
/**
 * The one shape of every app's workerd test config (vitest.config.ts, vitest.production.config.ts): the worker under
 * its wrangler.jsonc in workerd, with the test issuer's keys, the app's D1 migrations as TEST_MIGRATIONS (applied
 * by test/setup.ts) and the fast-check seed. An app's config says only what is its own.
 *
 * Loaded by the configs through tsx (`tsImport`), because Vite's config loader cannot load this package's TypeScript.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { createRequire } from "node:module";
import type { ViteUserConfig as UserConfig } from "vitest/config";
import { fastCheckSeed } from "./fast-check-seed-config";
import { testAuthBindings } from "./issuer";

type WorkersOptions = Parameters<typeof cloudflareTest>[0];
type Miniflare = NonNullable<Exclude<WorkersOptions, (...args: never[]) => unknown>["miniflare"]>;

export interface WorkerdSuite {
  /** `dev` for the development suites; omitted for the production suite (the top-level config, as deployed). */
  environment?: "dev";
  /** Test files, relative to the app. */
  include: string[];
  /** Node-side global setup files (e.g. a local HTTP server the tests call). */
  globalSetup?: string[];
  /** The app's own setup files (run before the fast-check seed's). */
  setupFiles?: string[];
  /** Bind the test issuer's keys (TRUSTED_ISSUERS and the signing key the test tokens use). Default true. */
  auth?: boolean;
  /** The app's D1 migrations folder, bound as TEST_MIGRATIONS. */
  migrations?: string;
  /** Further bindings (secrets and variables the operator would set). */
  bindings?: Record<string, unknown>;
  serviceBindings?: Miniflare["serviceBindings"];
  /** Auxiliary workers in the same miniflare (e.g. the real services, `serviceWorkerOptions`). */
  workers?: Miniflare["workers"];
  /** Further D1 databases bound to the worker under test (e.g. a service's, by its id, to apply its migrations). */
  d1Databases?: Record<string, string>;
  /**
   * CommonJS packages to pre-bundle with esbuild (vitest `deps.optimizer.ssr`), as wrangler bundles them for
   * deployment. The pool's per-module CommonJS shim evaluates a module of a require cycle twice, which breaks
   * readable-stream (used by rdfxml-streaming-parser): "Cannot redefine property: Symbol(nodejs.util.promisify.custom)".
   */
  bundleDeps?: string[];
  /** Import aliases (vite `resolve.alias`), as the app's wrangler.jsonc `alias` gives them to the deployed bundle. */
  alias?: Record<string, string>;
}

const require = createRequire(import.meta.url);

export async function workerdSuite(suite: WorkerdSuite): Promise<UserConfig> {
  const bindings: Record<string, unknown> = {
    ...(suite.auth === false ? {} : await testAuthBindings()),
    ...(suite.migrations ? { TEST_MIGRATIONS: await readD1Migrations(suite.migrations) } : {}),
    ...suite.bindings,
  };
  const exactly = (key: string) => new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
  const alias = Object.entries(suite.alias ?? {}).map(([key, replacement]) => ({ find: exactly(key), replacement }));
  return {
    ...(alias.length ? { resolve: { alias } } : {}),
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.jsonc", ...(suite.environment ? { environment: suite.environment } : {}) },
        miniflare: {
          bindings,
          ...(suite.serviceBindings ? { serviceBindings: suite.serviceBindings } : {}),
          ...(suite.workers ? { workers: suite.workers } : {}),
          ...(suite.d1Databases ? { d1Databases: suite.d1Databases } : {}),
        } as Miniflare,
      }),
    ],
    test: {
      include: suite.include,
      ...(suite.globalSetup ? { globalSetup: suite.globalSetup } : {}),
      setupFiles: [...(suite.setupFiles ?? []), require.resolve("@regie/shared/testing/fast-check-seed")],
      provide: { fastCheckSeed: fastCheckSeed() },
      ...(suite.bundleDeps ? { deps: { optimizer: { ssr: { enabled: true, include: suite.bundleDeps } } } } : {}),
    },
  };
}

/**
 * An app's production suite (vitest.production.config.ts): its test-production/ files against the worker under the
 * TOP-LEVEL wrangler.jsonc (what `wrangler deploy` ships), with only what an operator adds (`bindings`: the secrets
 * of `wrangler secret put`, the vars of "Deploying"). Everything else in test/ runs the `dev` environment.
 */
export function productionConfig(suite: Omit<WorkerdSuite, "environment" | "include">): Promise<UserConfig> {
  return workerdSuite({ ...suite, include: ["test-production/**/*.test.ts"] });
}

/** A service binding that is not part of the run: every request answers 503. */
export const unavailableService = (name: string) => () => new Response(`${name} unavailable in this test`, { status: 503 });
