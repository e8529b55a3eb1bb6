/// <reference types="node" />
/**
 * vitest globalSetup (Node): bundles the real consent and catalogue workers once per run, as
 * `wrangler deploy --dry-run --env dev` does; vitest.config.ts declares them as auxiliary workers.
 */
import { buildServiceWorkers } from "@regie/shared/testing/service-workers";
import { SERVICES_OUT } from "./paths";

export default function setup(): void {
  buildServiceWorkers(["../consent", "../catalogue"], SERVICES_OUT);
}
