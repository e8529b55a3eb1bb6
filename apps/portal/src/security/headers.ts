import type { MiddlewareHandler } from "hono";
import { securityHeaders, type ContentSecurityPolicy } from "@regie/shared";

/** The portal's Content-Security-Policy: own origin only, no inline script or style, no framing. */
export const PORTAL_CSP: ContentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The security headers of the page routes (the API reference at /docs and the JSON routes keep the shared ones):
 * the strict CSP, and Referrer-Policy same-origin, because the shared `no-referrer` would make browsers send
 * `Origin: null` on our own form posts, which the CSRF check must refuse.
 */
export function pageSecurityHeaders(): MiddlewareHandler {
  return securityHeaders({ contentSecurityPolicy: PORTAL_CSP, referrerPolicy: "same-origin" });
}

/** Pages show personal data: no cache keeps them (unless a route says otherwise). */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  };
}
