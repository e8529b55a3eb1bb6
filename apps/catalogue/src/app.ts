import { createApp, whoamiRoutes, type Mode } from "@regie/shared";
import type { AppEnv } from "./env";
import { ATTACHMENT_TYPES } from "@regie/shared/contracts/catalogue";
import { applicationRoutes } from "./routes/applications";
import { reviewRoutes } from "./routes/application-review";
import { attachmentRoutes } from "./routes/attachments";
import { permitRoutes } from "./routes/permits";
import { ckanRoutes } from "./routes/ckan";
import { datasetRoutes } from "./routes/datasets";
import { qualityRoutes } from "./routes/quality";
import { dcatResourceRoutes } from "./routes/dcat-resources";
import { revisionRoutes } from "./routes/revisions";
import { devRoutes } from "./routes/dev";
import { exportRoutes } from "./routes/export";
import { harvestRoutes } from "./routes/harvest";
import { harvestSourceRoutes } from "./routes/harvest-sources";
import { validateRoutes } from "./routes/validate";
import { vocabularyRoutes } from "./routes/vocabularies";

/** The route modules (each declares its routes on the app) by area, mounted in this order (the order of /openapi.json). */
const ROUTE_MODULES = {
  datasets: [datasetRoutes, qualityRoutes, revisionRoutes, dcatResourceRoutes, vocabularyRoutes],
  exchange: [exportRoutes, harvestRoutes, harvestSourceRoutes, validateRoutes, ckanRoutes],
  applications: [applicationRoutes, reviewRoutes, attachmentRoutes, permitRoutes],
};

/** The route table of a mode: POST /dev/seed exists only in development. */
export function buildApp(mode: Mode) {
  const app = createApp<AppEnv>({
    name: "catalogue",
    title: "Regie health dataset catalogue",
    description: "HealthDCAT-AP dataset catalogue: search, publish, DCAT export and harvest, CKAN Action API, data access applications.",
    acceptedContentTypes: ["application/json", "application/ld+json", "text/turtle", "application/rdf+xml"],
    maxBodyBytes: 8 * 1024 * 1024,
    // attachments are sent as their own bytes (checked by content in routes/attachments.ts)
    uploadContentTypes: { path: /^\/v1\/access-applications\/[^/]+\/attachments$/, types: Object.keys(ATTACHMENT_TYPES) },
  });
  app.route("/", whoamiRoutes());
  for (const declare of Object.values(ROUTE_MODULES).flat()) declare(app);
  if (mode === "development") devRoutes(app);
  return app;
}
