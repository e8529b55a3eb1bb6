import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { PageError } from "../views/errors";

export const CSRF_FIELD = "_csrf";

function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Whether a state-changing request comes from the portal's own pages (Origin / Fetch Metadata). */
export function sameOrigin(requestUrl: string, origin: string | undefined, fetchSite: string | undefined, extraOrigins: string[] = []): boolean {
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  if (origin === undefined) return true; // no Origin (old client): the CSRF token alone decides
  if (origin === "null") return false;
  return origin === new URL(requestUrl).origin || extraOrigins.includes(origin);
}

/**
 * Every POST to a page route must come from our own origin and carry the session's CSRF token in
 * the `_csrf` form field.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    // The development API (/dev/token, /dev/seed) is not a page: it answers JSON or 404 by itself.
    if (new URL(c.req.url).pathname.startsWith("/dev/")) return next();
    const extra = (c.env.PUBLIC_ORIGIN ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (!sameOrigin(c.req.url, c.req.header("origin"), c.req.header("sec-fetch-site"), extra)) {
      throw new PageError(403, "csrf");
    }
    const type = c.req.header("content-type") ?? "";
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) throw new PageError(403, "csrf");
    const body = await c.req.parseBody();
    const token = body[CSRF_FIELD];
    if (typeof token !== "string" || !sameString(token, c.get("session").csrf)) throw new PageError(403, "csrf");
    await next();
  };
}
