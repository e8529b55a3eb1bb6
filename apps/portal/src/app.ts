import { createApp, errorFields, logger, problemResponse, type Mode } from "@regie/shared";
import { Hono } from "hono";
import { demoLogin, login } from "./auth/login";
import { citizen } from "./citizen/routes";
import { devIssuer } from "./dev/issuer";
import type { AppEnv } from "./env";
import { hdab } from "./hdab/routes";
import { languageMiddleware, messages } from "./i18n";
import { providerInfo } from "./provider/page";
import { permitPages } from "./permits/routes";
import { applicationPages } from "./researcher/application-pages";
import { publisherPages } from "./publisher/routes";
import { researcher } from "./researcher/routes";
import { csrfProtection } from "./security/csrf";
import { noStore, pageSecurityHeaders } from "./security/headers";
import { handleSessionExpired, SessionExpired } from "./services/clients";
import { freshSession, sessionMiddleware } from "./session/session";
import { PageError, renderError } from "./views/errors";
import { home } from "./views/home";

const MAX_PATH = 1024;
const MAX_QUERY = 4096;

/** The HTML pages: their security headers (CSP) and no-store, language, session, CSRF; errors as HTML pages. */
function buildPages(mode: Mode) {
  const pages = new Hono<AppEnv>();
  pages.use("*", async (c, next) => {
    c.set("mode", mode);
    await next();
  });
  pages.use("*", pageSecurityHeaders());
  pages.use("*", noStore());
  pages.use("*", languageMiddleware());
  // No identifier or query of ours is this long: answer before any service call is made with it.
  pages.use("*", async (c, next) => {
    const url = new URL(c.req.url);
    if (url.pathname.length > MAX_PATH) throw new PageError(404, "notFound");
    if (url.search.length > MAX_QUERY) throw new PageError(400, "badRequest");
    await next();
  });
  pages.use("*", sessionMiddleware(mode));
  pages.use("*", csrfProtection());
  pages.route("/", home);
  pages.route("/", login);
  if (mode === "development") pages.route("/", demoLogin);
  pages.route("/", citizen);
  pages.route("/", researcher);
  pages.route("/", applicationPages);
  pages.route("/", permitPages);
  pages.route("/", hdab);
  pages.route("/", publisherPages);
  pages.route("/", providerInfo);
  pages.all("*", (c) => {
    if ((c.req.header("accept") ?? "").includes("text/html")) return renderError(c, 404, "notFound");
    return problemResponse("NOT_FOUND", `No resource at ${c.req.method} ${new URL(c.req.url).pathname}`, { requestId: c.get("requestId") });
  });
  pages.onError((err, c) => {
    if (!c.get("t")) {
      c.set("lang", "nl");
      c.set("t", messages("nl"));
    }
    if (!c.get("session")) c.set("session", freshSession());
    if (!c.get("mode")) c.set("mode", mode);
    if (err instanceof PageError) return renderError(c, err.status, err.kind);
    if (err instanceof SessionExpired) return handleSessionExpired(c);
    logger.error("page failed", { requestId: c.get("requestId"), route: c.req.routePath, ...errorFields(err) });
    return renderError(c, 500, "unexpected");
  });
  return pages;
}

/** The route table of a mode: the development issuer and the demo login exist only in development. */
export function buildApp(mode: Mode) {
  const app = createApp<AppEnv>({
    name: "portal",
    title: "Regie portal",
    description: "Web portal for citizens, researchers and the HDAB; in development also the token issuer.",
    acceptedContentTypes: ["application/x-www-form-urlencoded", "multipart/form-data", "application/json"],
    // a document upload (at most ATTACHMENT_MAX_BYTES, 8 MiB) plus the form around it; every other body keeps 1 MiB
    largeBodies: { path: /^\/onderzoek\/aanvragen\/[^/]+\/bijlagen$/, maxBytes: 9 * 1024 * 1024 },
  });
  if (mode === "development") app.route("/", devIssuer);
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
  app.route("/", buildPages(mode));
  return app;
}
