/**
 * requireRole with a per-isolate cache of verified claims, keyed by the exact token string and kept until the
 * token's `exp`. A token is verified (signature, issuer, audience, expiry, claims) once per isolate; later calls
 * with the same string are a map lookup. Tokens that fail verification are never cached.
 */
import type { MiddlewareHandler } from "hono";
import { ApiError, parseTrustedIssuers, TokenError, verifyToken, type Claims, type ClaimsOf, type Role } from "@regie/shared";

interface Cached {
  claims: Claims;
  expMs: number;
}

const MAX_ENTRIES = 10_000;
const cache = new Map<string, Cached>();

/** The `exp` claim of a token that has already been verified (so its payload is well-formed). */
function expiryOf(token: string): number | undefined {
  const payload = token.split(".")[1] ?? "";
  const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/")) as string;
  const exp = (JSON.parse(json) as { exp?: unknown }).exp;
  return typeof exp === "number" ? exp : undefined;
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header)?.[1];
}

export async function verifyCached(token: string, trustedIssuersRaw: string, audience: string): Promise<Claims> {
  const now = Date.now();
  const hit = cache.get(token + "\u0000" + audience);
  if (hit && hit.expMs > now) return hit.claims;
  const claims = await verifyToken(token, { trustedIssuers: parseTrustedIssuers(trustedIssuersRaw), audience });
  const exp = expiryOf(token);
  if (typeof exp === "number") {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(token + "\u0000" + audience, { claims, expMs: exp * 1000 });
  }
  return claims;
}

export function requireRoleCached<R extends Role>(
  ...roles: R[]
): MiddlewareHandler<{ Bindings: { TRUSTED_ISSUERS: string; AUTH_AUDIENCE: string }; Variables: { auth: ClaimsOf<R> } }> {
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    if (!token) throw new ApiError("UNAUTHORIZED", "A bearer token is required", { headers: { "www-authenticate": `Bearer realm="regie"` } });
    let claims: Claims;
    try {
      claims = await verifyCached(token, c.env.TRUSTED_ISSUERS, c.env.AUTH_AUDIENCE);
    } catch (err) {
      if (err instanceof TokenError) throw new ApiError("UNAUTHORIZED", err.message, { headers: { "www-authenticate": `Bearer realm="regie", error="invalid_token"` } });
      throw err;
    }
    if (!(roles as string[]).includes(claims.role)) throw new ApiError("FORBIDDEN", `This operation requires the role ${roles.join(" or ")}`);
    c.set("auth", claims as ClaimsOf<R>);
    await next();
  };
}
