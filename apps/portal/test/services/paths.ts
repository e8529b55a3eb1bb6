/// <reference types="node" />
/** Node side: where the global setup puts the services' bundles. */
import { fileURLToPath } from "node:url";

/** `apps/portal/.wrangler/test-services/<app>/index.js` (git-ignored; rebuilt on every run). */
export const SERVICES_OUT = fileURLToPath(new URL("../../.wrangler/test-services", import.meta.url));
