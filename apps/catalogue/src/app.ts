import { createApp, whoamiRoutes } from "@regie/shared";
import type { AppEnv } from "./env";

export function buildApp() {
  const app = createApp<AppEnv>({
    name: "catalogue",
    title: "Regie health dataset catalogue",
    description: "HealthDCAT-AP dataset catalogue: search, publish, DCAT export and harvest, CKAN Action API, data access applications.",
    acceptedContentTypes: ["application/json", "application/ld+json", "text/turtle"],
    maxBodyBytes: 8 * 1024 * 1024,
  });
  app.route("/", whoamiRoutes());
  return app;
}
