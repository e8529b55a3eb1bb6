import { createApp } from "@regie/shared";
import { devIssuer } from "./dev/issuer";
import type { AppEnv } from "./env";

export function buildApp() {
  const app = createApp<AppEnv>({
    name: "portal",
    title: "Regie portal",
    description: "Web portal for citizens and researchers; in development also the token issuer.",
    acceptedContentTypes: ["application/x-www-form-urlencoded", "multipart/form-data", "application/json"],
  });
  app.route("/", devIssuer);
  // Reachability of the services behind the portal, through their service bindings.
  app.get("/health/services", async (c) => {
    const probe = async (svc: Fetcher) => {
      try {
        const res = await svc.fetch("https://internal/health");
        return res.ok ? "ok" : `status ${res.status}`;
      } catch {
        return "unreachable";
      }
    };
    const [consent, catalogue] = await Promise.all([probe(c.env.CONSENT), probe(c.env.CATALOGUE)]);
    const ok = consent === "ok" && catalogue === "ok";
    return c.json({ status: ok ? "ok" : "degraded", services: { consent, catalogue } }, ok ? 200 : 503);
  });
  app.get("/", (c) => c.html("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Regie</title></head><body><main><h1>Regie</h1></main></body></html>"));
  return app;
}
