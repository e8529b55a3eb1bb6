import { createApp, whoamiRoutes, type Mode } from "@regie/shared";
import type { AppEnv } from "./env";
import { authzenRoutes } from "./routes/authzen";
import { devRoutes } from "./routes/dev";
import { fhirErrors } from "./routes/fhir/common";
import { fhirRoutes } from "./routes/fhir/index";
import { organisationRoutes } from "./routes/organisations";
import { meRoutes } from "./routes/me";
import { meChildrenRoutes } from "./routes/me-children";
import { meRecordRoutes } from "./routes/me-records";
import { providerActionRoutes } from "./routes/provider-actions";
import { providerQuestionRoutes } from "./routes/provider-questions";
import { secondaryUseRoutes } from "./routes/secondary-use";
import { subscriptionRoutes } from "./routes/subscriptions";

/** The route modules (each declares its routes on the app) by audience and standard, mounted in this order (the order of /openapi.json). */
const ROUTE_MODULES = {
  provider: [providerQuestionRoutes, providerActionRoutes, subscriptionRoutes],
  citizen: [meRoutes, meRecordRoutes, meChildrenRoutes],
  hdab: [secondaryUseRoutes],
  standards: [fhirRoutes, authzenRoutes],
  addressBook: [organisationRoutes],
};

/** The route table of a mode: the development routes (/dev/*) exist only in development. */
export function buildApp(mode: Mode) {
  const app = createApp<AppEnv>({
    name: "consent",
    title: "Regie consent registry",
    description: "Citizens' consent choices, consent checks for care providers, NEN 7513 access log and the EHDS secondary-use opt-out.",
    maxBodyBytes: 4 * 1024 * 1024,
    // POST /fhir (migration) checks its own limit (MIGRATION_LIMITS, 4 MiB) to answer an OperationOutcome; the framework's is above it
    largeBodies: { path: /^\/fhir\/?$/, maxBytes: 8 * 1024 * 1024 },
    // every error under /fhir is an OperationOutcome, also the 413/415/429 given before the FHIR routes
    outer: [{ paths: ["/fhir", "/fhir/*"], middleware: fhirErrors() }],
  });
  app.route("/", whoamiRoutes());
  for (const declare of Object.values(ROUTE_MODULES).flat()) declare(app);
  if (mode === "development") devRoutes(app);
  // an empty authenticated-free route in the same worker: the benchmark's baseline for the consent check
  app.get("/v1/ping", (c) => c.json({ ok: true }));
  return app;
}
