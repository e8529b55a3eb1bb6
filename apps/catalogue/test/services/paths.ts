/// <reference types="node" />
/** Node side: where the global setup puts the consent worker's bundle. */
import { fileURLToPath } from "node:url";

/** `apps/catalogue/.wrangler/test-services/consent/index.js` (git-ignored; rebuilt on every run). */
export const SERVICES_OUT = fileURLToPath(new URL("../../.wrangler/test-services", import.meta.url));
