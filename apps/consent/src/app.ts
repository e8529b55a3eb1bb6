import { createApp, whoamiRoutes } from "@regie/shared";
import type { AppEnv } from "./env";

export function buildApp() {
  const app = createApp<AppEnv>({
    name: "consent",
    title: "Regie consent registry",
    description: "Citizens' consent choices, consent checks for care providers, NEN 7513 access log and the EHDS secondary-use opt-out.",
    maxBodyBytes: 4 * 1024 * 1024,
  });
  app.route("/", whoamiRoutes());
  return app;
}
