import type { MiddlewareHandler } from "hono";
import { bearerToken } from "../http/bearer";
import { ApiError } from "../http/problem";
import type { Claims, ClaimsOf, Role } from "./claims";
import { TokenError } from "./verify";
import { verifyTokenCached } from "./verify-cached";

export interface AuthBindings {
  TRUSTED_ISSUERS: string;
  AUTH_AUDIENCE: string;
}

export type AuthVariables = { auth: Claims };

/**
 * Requires a valid token whose role is one of `roles`: 401 problem+json for a missing or invalid
 * token (with WWW-Authenticate), 403 for a valid token of another role. Verified tokens are cached per
 * isolate until they expire (./verify-cached).
 */
export function requireRole<R extends Role>(...roles: R[]): MiddlewareHandler<{ Bindings: AuthBindings; Variables: { auth: ClaimsOf<R> } }> {
  return async (c, next) => {
    const token = bearerToken(c.req.header("authorization"));
    const challenge = { "www-authenticate": `Bearer realm="regie", error="invalid_token"` };
    if (!token) throw new ApiError("UNAUTHORIZED", "A bearer token is required", { headers: { "www-authenticate": `Bearer realm="regie"` } });
    let claims: Claims;
    try {
      claims = (await verifyTokenCached(token, c.env.TRUSTED_ISSUERS, c.env.AUTH_AUDIENCE)).claims;
    } catch (err) {
      if (err instanceof TokenError) throw new ApiError("UNAUTHORIZED", err.message, { headers: challenge });
      throw err;
    }
    if (!(roles as string[]).includes(claims.role)) {
      throw new ApiError("FORBIDDEN", `This operation requires the role ${roles.join(" or ")}`);
    }
    c.set("auth", claims as ClaimsOf<R>);
    await next();
  };
}
