import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

/** The portal's Content-Security-Policy: own origin only, no inline script or style, no framing. */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Sets the CSP and no-store on every HTML page (pages show personal data). */
export function pageHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const type = c.res.headers.get("content-type") ?? "";
    if (type.startsWith("text/html") && !new URL(c.req.url).pathname.startsWith("/docs")) {
      c.res.headers.set("content-security-policy", PORTAL_CSP);
      c.res.headers.set("cache-control", "no-store");
      c.res.headers.set("referrer-policy", "same-origin");
    }
  };
}
