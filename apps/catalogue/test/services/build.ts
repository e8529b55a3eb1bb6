/// <reference types="node" />
/**
 * vitest globalSetup (Node): bundles the real consent worker once per run, as `wrangler deploy --dry-run --env dev`
 * does (the shared builder the portal's route tests use too); vitest.config.ts declares it as an auxiliary worker
 * behind the catalogue's CONSENT binding.
 */
import { buildServiceWorkers } from "@regie/shared/testing/service-workers";
import { SERVICES_OUT } from "./paths";

export default function setup(): void {
  buildServiceWorkers(["../consent"], SERVICES_OUT);
}
