import type { MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env";
import { PageError } from "../views/errors";

export const CSRF_FIELD = "_csrf";

function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Whether the Origin of a state-changing request is the portal's own (the request's origin, or one of
 * PUBLIC_ORIGIN's when the portal sits behind another host name). Fetch Metadata that says the request
 * is cross-site or same-site outweighs a matching Origin. Used as hono's csrf() `origin` check.
 */
export function sameOrigin(requestUrl: string, origin: string, fetchSite: string | undefined, extraOrigins: string[] = []): boolean {
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return false;
  if (origin === "null") return false;
  return origin === new URL(requestUrl).origin || extraOrigins.includes(origin);
}

/** hono's CSRF middleware: `Sec-Fetch-Site: same-origin`, or else an Origin that sameOrigin() accepts. */
const originCheck = csrf({
  origin: (origin, c) => {
    const extra = ((c.env as AppEnv["Bindings"]).PUBLIC_ORIGIN ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return sameOrigin(c.req.url, origin, c.req.header("sec-fetch-site"), extra);
  },
});

/**
 * Every POST to a page route must come from our own origin (hono's csrf(): Origin / Fetch Metadata) and
 * carry the session's CSRF token in the `_csrf` form field. Either failure is the "form expired" page (403).
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    // The development API (/dev/token, /dev/seed) is not a page: it answers JSON or 404 by itself.
    if (new URL(c.req.url).pathname.startsWith("/dev/")) return next();
    try {
      await originCheck(c, async () => {});
    } catch (err) {
      if (err instanceof HTTPException && err.status === 403) throw new PageError(403, "csrf");
      throw err;
    }
    const type = c.req.header("content-type") ?? "";
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) throw new PageError(403, "csrf");
    const body = await c.req.parseBody();
    const token = body[CSRF_FIELD];
    if (typeof token !== "string" || !sameString(token, c.get("session").csrf)) throw new PageError(403, "csrf");
    await next();
  };
}
