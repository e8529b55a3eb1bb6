/**
 * Property and fuzz tests explore new inputs on every local run, but CI (CI=true) replays one fixed seed so a
 * submission's result does not depend on luck. Set FAST_CHECK_SEED to replay a failure anywhere.
 * Used as a vitest setup file; the seed travels from the Node side through `provide`/`inject`.
 */
import fc from "fast-check";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    fastCheckSeed: number | null;
  }
}

const seed = inject("fastCheckSeed");
if (typeof seed === "number") fc.configureGlobal({ seed });
