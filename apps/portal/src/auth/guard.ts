import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { Role } from "@regie/shared";
import type { AppEnv } from "../env";
import type { SessionUser } from "../session/session";
import { setFlash } from "../session/session";
import { PageError } from "../views/errors";

/** A local path to return to after login; anything else (other hosts, `//`, `/\`) becomes "/". */
export function safeReturnPath(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

/** Pages for signed-in users of these roles: others go to the login page (or get 403 for a wrong role). */
export function requireUser(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get("session").user;
    if (!user) {
      setFlash(c, { kind: "error", text: c.get("t").login.needLogin });
      const url = new URL(c.req.url);
      const back = c.req.method === "GET" ? url.pathname + url.search : url.pathname;
      return c.redirect(`/inloggen?next=${encodeURIComponent(back)}`, 303);
    }
    if (!roles.includes(user.role)) throw new PageError(403, "forbidden");
    await next();
  };
}

/** A router for one role's section: `prefix` and every page below it are for signed-in users of that role only. */
export function sectionFor(role: Role, prefix: string): Hono<AppEnv> {
  const section = new Hono<AppEnv>();
  section.use(prefix, requireUser(role));
  section.use(`${prefix}/*`, requireUser(role));
  return section;
}

export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.get("session").user;
  if (!user) throw new PageError(403, "forbidden");
  return user;
}
