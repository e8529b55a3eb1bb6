/**
 * Security headers as hono's secureHeaders(), mounted per route group. Every group's middleware leaves a header
 * that is already set alone (`overwrite: false`), so the most specific one wins: a handler's own header, then the
 * group's (an app's HTML pages, the API reference at /docs), then the app-wide baseline createApp mounts.
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

export type SecurityHeaderOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;
export type ContentSecurityPolicy = NonNullable<SecurityHeaderOptions["contentSecurityPolicy"]>;

/** The baseline of every response: hono's defaults, no COEP (nothing here embeds), HSTS for two years. */
const BASELINE: SecurityHeaderOptions = { crossOriginEmbedderPolicy: false, strictTransportSecurity: "max-age=63072000; includeSubDomains" };

/** The CSP of JSON answers: nothing may load, nothing may frame them. */
export const API_CSP: ContentSecurityPolicy = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

/** The CSP of the API reference (/docs): Swagger UI from our own origin, its inline styles. */
export const DOCS_CSP: ContentSecurityPolicy = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  frameAncestors: ["'none'"],
};

/** The security headers of a route group: the baseline with the group's CSP and other overrides. */
export function securityHeaders(options: SecurityHeaderOptions = {}): MiddlewareHandler {
  return secureHeaders({ ...BASELINE, ...options, overwrite: false });
}
