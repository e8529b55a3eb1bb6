import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { Mode, Role } from "@regie/shared";
import type { AppEnv, Bindings } from "../env";
import { randomToken } from "@regie/shared/util/encoding";
import { deriveKey, seal, unseal } from "./crypto";

/** The signed-in user: the access token the portal forwards to the services, and what the pages show. */
export interface SessionUser {
  role: Role;
  token: string;
  /** What the header shows ("Jan Jansen"); never a BSN. */
  displayName: string;
  /** Seconds since the epoch at which the token (and so the sign-in) ends. */
  expiresAt: number;
  /** Demo key (development login) of a citizen, used to find the children a guardian may act for. */
  demoKey?: string;
  /** A researcher's organisation (to prefill the access application form). */
  organisation?: string;
}

export interface Flash {
  kind: "success" | "error";
  text: string;
}

/** Pending OIDC authorisation-code + PKCE login. */
export interface OidcPending {
  state: string;
  verifier: string;
  nonce: string;
  createdAt: number;
  next: string;
}

export interface Session {
  /** Per-session CSRF token, put in every form and checked on every POST. */
  csrf: string;
  user?: SessionUser;
  flash?: Flash;
  oidc?: OidcPending;
  /** Seconds since the epoch after which the whole cookie is ignored. */
  exp: number;
}

export const SESSION_COOKIE = "regie_session";
const SESSION_SECONDS = 8 * 3600;

let ephemeralSecret: string | undefined;

/**
 * The session key: SESSION_SECRET; in development only, when it is not set, a key derived from the
 * development issuer's private key (stable across restarts) or else one random key per isolate.
 */
export function sessionSecret(env: Bindings, mode: Mode): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (mode !== "development") throw new Error("SESSION_SECRET is not configured");
  if (env.DEV_ISSUER_PRIVATE_JWK) return `dev-issuer:${env.DEV_ISSUER_PRIVATE_JWK}`;
  ephemeralSecret ??= randomToken();
  return ephemeralSecret;
}

const keys = new Map<string, Promise<CryptoKey>>();
function sessionKey(env: Bindings, mode: Mode): Promise<CryptoKey> {
  const secret = sessionSecret(env, mode);
  let key = keys.get(secret);
  if (!key) {
    key = deriveKey(secret, "session-cookie-v1");
    keys.set(secret, key);
  }
  return key;
}

export function freshSession(): Session {
  return { csrf: randomToken(), exp: Math.floor(Date.now() / 1000) + SESSION_SECONDS };
}

const DIRTY = Symbol("session-dirty");
type Dirty = { [DIRTY]?: boolean };

/** Loads the session from its cookie (or starts an anonymous one) and writes it back when it changed. */
export function sessionMiddleware(mode: Mode): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const raw = getCookie(c, SESSION_COOKIE);
    const now = Math.floor(Date.now() / 1000);
    let session = raw ? await unseal<Session>(await sessionKey(c.env, mode), raw) : undefined;
    let dirty = false;
    if (!session || typeof session.csrf !== "string" || session.exp < now) {
      session = freshSession();
      dirty = true;
    }
    if (session.user && session.user.expiresAt <= now) {
      session.user = undefined;
      dirty = true;
    }
    (session as Session & Dirty)[DIRTY] = dirty;
    c.set("session", session);
    await next();
    const current = c.get("session") as Session & Dirty;
    if (current[DIRTY]) await writeSession(c, current);
  };
}

async function writeSession(c: Context<AppEnv>, session: Session) {
  const { [DIRTY]: _d, ...plain } = session as Session & Dirty;
  setCookie(c, SESSION_COOKIE, await seal(await sessionKey(c.env, c.get("mode")), plain), {
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/",
    maxAge: Math.max(0, plain.exp - Math.floor(Date.now() / 1000)),
  });
}

/** Marks the session as changed so it is written back at the end of the request. */
export function touchSession(c: Context<AppEnv>, change: (s: Session) => void) {
  const session = c.get("session") as Session & Dirty;
  change(session);
  session[DIRTY] = true;
}

/** Starts a new session (new CSRF token) for a sign-in or sign-out, so nothing carries over. */
export function replaceSession(c: Context<AppEnv>, user?: SessionUser, flash?: Flash) {
  const next: Session & Dirty = { ...freshSession(), user, flash };
  if (user) next.exp = Math.min(next.exp, user.expiresAt);
  next[DIRTY] = true;
  c.set("session", next);
}

/** Takes the one-time message to show on this page. */
export function takeFlash(c: Context<AppEnv>): Flash | undefined {
  const flash = c.get("session").flash;
  if (flash) touchSession(c, (s) => (s.flash = undefined));
  return flash;
}

export function setFlash(c: Context<AppEnv>, flash: Flash) {
  touchSession(c, (s) => (s.flash = flash));
}
