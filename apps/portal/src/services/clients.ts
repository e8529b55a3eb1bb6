import type { Context } from "hono";
import type { Problem } from "@regie/shared";
import { createConsentClient } from "@regie/shared/clients/consent";
import { catalogueClient } from "@regie/shared/clients/catalogue";
import type { AppEnv } from "../env";
import { replaceSession, setFlash } from "../session/session";
import { PageError } from "../views/errors";

/**
 * The portal talks to the services only through their service bindings, forwarding the signed-in
 * user's bearer token. The origins below are never resolved: the binding routes the request.
 */
const CONSENT_ORIGIN = "https://consent.internal";
const CATALOGUE_ORIGIN = "https://catalogue.internal";

function token(c: Context<AppEnv>): string | undefined {
  return c.get("session").user?.token;
}

export function consent(c: Context<AppEnv>) {
  return createConsentClient({ baseUrl: CONSENT_ORIGIN, token: token(c), fetcher: (input, init) => c.env.CONSENT.fetch(input as string, init) });
}

export function catalogue(c: Context<AppEnv>) {
  return catalogueClient({ baseUrl: CATALOGUE_ORIGIN, token: token(c), fetcher: (input, init) => c.env.CATALOGUE.fetch(input as string, init) });
}

/** A raw call to the catalogue through its binding (for operations its typed client does not cover). */
export function catalogueFetch(c: Context<AppEnv>, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const t = token(c);
  if (t) headers.set("authorization", `Bearer ${t}`);
  return c.env.CATALOGUE.fetch(`${CATALOGUE_ORIGIN}${path}`, { ...init, headers });
}

export interface ServiceProblem {
  status: number;
  problem?: Problem;
}

export class SessionExpired extends Error {}

function isServiceProblem(err: unknown): err is ServiceProblem {
  return typeof err === "object" && err !== null && typeof (err as ServiceProblem).status === "number" && "problem" in err;
}

/**
 * Runs a service call. Validation answers (400/409/422) come back as `{ problem }` so a form can show
 * them; everything else becomes a page: 401 ends the session and sends the user to log in again,
 * 403/404 show their error page, anything else "service unavailable".
 */
export async function callService<T>(c: Context<AppEnv>, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problem: ServiceProblem }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof PageError || err instanceof SessionExpired) throw err;
    if (!isServiceProblem(err)) {
      console.error(JSON.stringify({ level: "error", msg: "service call failed", requestId: c.get("requestId"), error: (err as Error)?.name }));
      throw new PageError(503, "unavailable");
    }
    if (err.status === 400 || err.status === 409 || err.status === 422) return { ok: false, problem: err };
    if (err.status === 401) throw new SessionExpired();
    if (err.status === 403) throw new PageError(403, "forbidden");
    if (err.status === 404) throw new PageError(404, "notFound");
    throw new PageError(503, "unavailable");
  }
}

/** Like callService, for reads: any validation answer is unexpected and shows an error page. */
export async function readService<T>(c: Context<AppEnv>, fn: () => Promise<T>): Promise<T> {
  const res = await callService(c, fn);
  if (!res.ok) throw new PageError(400, "badRequest");
  return res.value;
}

/** The service refused the token (expired or revoked): sign out and ask to log in again. */
export function handleSessionExpired(c: Context<AppEnv>) {
  replaceSession(c, undefined);
  setFlash(c, { kind: "error", text: c.get("t").login.needLogin });
  const url = new URL(c.req.url);
  return c.redirect(`/inloggen?next=${encodeURIComponent(url.pathname)}`, 303);
}
